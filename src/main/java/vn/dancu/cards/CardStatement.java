package vn.dancu.cards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.dancu.registry.Gender;
import vn.dancu.registry.LegacyIdNumber;
import vn.dancu.registry.PersonalIdNumber;

/**
 * What an identity card (thẻ căn cước, CCCD) states about its holder, as read from its QR code
 * (DOMAIN.md §3) or its chip's DG13 (§4): null wherever the card does not say. Values are those
 * the card prints, already validated by whoever read them; {@link CardChecks} compares them with
 * the registry. The registry keeps full dates of birth only, so a card's date of birth is a full
 * date too: a reader that meets a partial date ("00/00/1950") leaves it null instead of guessing.
 *
 * @param personalId the 12-digit number (số định danh cá nhân); every card states it
 * @param legacyId the old 9-digit number (CMND) the card carries, when it does
 * @param gender Nam is {@link Gender#MALE}, Nữ {@link Gender#FEMALE}
 * @param permanentAddress the place of permanent residence (nơi thường trú) as printed, in one line
 * @param issueDate the card's issue date, which tells which of the holder's cards it is
 * @param expiryDate the printed expiry date; null for a card valid for life and for the QR, which omits it
 */
public record CardStatement(PersonalIdNumber personalId, LegacyIdNumber legacyId, String fullName, LocalDate dateOfBirth,
                            Gender gender, String nationality, String ethnicity, String religion, String placeOfOrigin,
                            String permanentAddress, String identifyingFeatures, LocalDate issueDate, LocalDate expiryDate,
                            String fatherName, String motherName, String spouseName) {

    public CardStatement {
        if (personalId == null) {
            throw new IllegalArgumentException("Every card states its holder's personal ID number");
        }
    }

    /** What the QR code says: the seven fields of DOMAIN.md §3 and nothing else. */
    public static CardStatement ofQr(PersonalIdNumber personalId, LegacyIdNumber legacyId, String fullName,
                                     LocalDate dateOfBirth, Gender gender, String permanentAddress, LocalDate issueDate) {
        return new CardStatement(personalId, legacyId, fullName, dateOfBirth, gender, null, null, null, null,
                permanentAddress, null, issueDate, null, null, null, null);
    }

    /** The names of the fields this card states besides the number, in the order of the record. */
    public List<String> statedFields() {
        List<String> stated = new ArrayList<>();
        Object[] values = {legacyId, fullName, dateOfBirth, gender, nationality, ethnicity, religion, placeOfOrigin,
                permanentAddress, identifyingFeatures, issueDate, expiryDate, fatherName, motherName, spouseName};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && !(values[i] instanceof String s && s.isBlank())) {
                stated.add(FIELDS.get(i));
            }
        }
        return stated;
    }

    /** The field names {@link CardCheck#fields()} uses, one per component after the number. */
    public static final List<String> FIELDS = List.of("legacyId", "fullName", "dateOfBirth", "gender", "nationality",
            "ethnicity", "religion", "placeOfOrigin", "permanentAddress", "identifyingFeatures", "issueDate", "expiryDate",
            "fatherName", "motherName", "spouseName");
}
