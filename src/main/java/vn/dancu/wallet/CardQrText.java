package vn.dancu.wallet;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** The text of the identity card's QR code (DOMAIN.md §3), from the card item's claims. */
final class CardQrText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("ddMMyyyy");

    private CardQrText() {
    }

    static String text(WalletItem card) {
        return String.join("|", card.claim(Claims.PERSONAL_ID), orEmpty(card.claim(Claims.OLD_ID_NUMBER)),
                orEmpty(card.claim(Claims.NAME)), day(card.claim(Claims.BIRTHDATE)), "FEMALE".equals(card.claim(Claims.GENDER)) ? "Nữ" : "Nam",
                orEmpty(card.claim(Claims.ADDRESS)), day(card.claim(Claims.ISSUE_DATE)));
    }

    private static String day(String isoDate) {
        return isoDate == null ? "" : LocalDate.parse(isoDate).format(DAY);
    }

    /** A field separator inside a value would shift every field after it: a reader would take the wrong values. */
    private static String orEmpty(String value) {
        return value == null ? "" : value.replace('|', '/');
    }
}
