package vn.dancu.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dancu.cards.CardCheck.CardState;
import vn.dancu.cards.CardCheck.FieldCheck;
import vn.dancu.registry.Card;
import vn.dancu.registry.Gender;
import vn.dancu.registry.LegacyIdNumber;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonStatus;
import vn.dancu.registry.PersonalIdNumber;

/** The rules by which what a card states agrees with the registry, one by one. */
class CardComparisonTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    static final LocalDate ISSUED = LocalDate.of(2021, 5, 10);
    static final CardComparison.RegisteredAddress ADDRESS = new CardComparison.RegisteredAddress("Số 12 phố Phan Đình Phùng",
            Set.of("Phường Ba Đình", "Phường Quán Thánh", "Phường Trúc Bạch"), Set.of("Thành phố Hà Nội"));

    static PersonFinder.PersonView an(String status, List<Card> cards) {
        PersonFinder.ResidenceView home = new PersonFinder.ResidenceView("PERMANENT",
                new PersonFinder.UnitRef("00004", "COMMUNE", "Phường Ba Đình", null, List.of()), null, "Số 12 phố Phan Đình Phùng",
                LocalDate.of(2025, 8, 1), null, true);
        return new PersonFinder.PersonView("001075503799", "Nguyễn Văn An", null, "MALE", LocalDate.of(1975, 3, 14), "Hà Nội",
                null, "Hà Nội", "Kinh", null, "VN", null, "MARRIED", status, null, null, null,
                new PersonFinder.PersonRef("001045000001", "Nguyễn Văn Ba"), null, new PersonFinder.PersonRef("030178862050", "Trần Thị Bình"),
                List.of("012345678"), home, List.of(home), null, "HEAD", cards, null, null);
    }

    static PersonFinder.PersonView an() {
        return an("ALIVE", List.of(card(ISSUED, null, "ACTIVE")));
    }

    static Card card(LocalDate issued, LocalDate expiry, String status) {
        return new Card(1, "001075503799", issued, expiry, "Cục Cảnh sát QLHC về TTXH", status);
    }

    static CardStatement qr(String name, String address, LocalDate issued) {
        return CardStatement.ofQr(new PersonalIdNumber("001075503799"), new LegacyIdNumber("012345678"), name,
                LocalDate.of(1975, 3, 14), Gender.MALE, address, issued);
    }

    static CardCheck compare(CardStatement card, PersonFinder.PersonView person) {
        return CardComparison.compare(card, person, ADDRESS, TODAY);
    }

    @Test
    void theCurrentCardOfALivingPersonAgreesFieldByField() {
        CardCheck check = compare(qr("Nguyễn Văn An", "Số 12 phố Phan Đình Phùng, Phường Quán Thánh, Quận Ba Đình, Hà Nội", ISSUED), an());
        assertThat(check.found()).isTrue();
        assertThat(check.alive()).isTrue();
        assertThat(check.card()).isEqualTo(CardState.VALID);
        assertThat(check.fields()).containsExactly(
                java.util.Map.entry("legacyId", FieldCheck.MATCH), java.util.Map.entry("fullName", FieldCheck.MATCH),
                java.util.Map.entry("dateOfBirth", FieldCheck.MATCH), java.util.Map.entry("gender", FieldCheck.MATCH),
                java.util.Map.entry("permanentAddress", FieldCheck.MATCH), java.util.Map.entry("issueDate", FieldCheck.MATCH));
        assertThat(check.allAgree()).isTrue();
    }

    @Test
    void namesForgiveCaseSpacingAndUnicodeFormButNotMissingMarks() {
        String decomposed = java.text.Normalizer.normalize("nguyễn  VĂN an", java.text.Normalizer.Form.NFD);
        assertThat(CardComparison.name(decomposed, "Nguyễn Văn An")).isEqualTo(FieldCheck.MATCH);
        assertThat(CardComparison.name("Nguyen Van An", "Nguyễn Văn An")).isEqualTo(FieldCheck.MISMATCH);
        assertThat(CardComparison.name("Nguyễn Văn Ân", "Nguyễn Văn An")).isEqualTo(FieldCheck.MISMATCH);
        assertThat(CardComparison.name("Nguyễn Văn An", null)).isEqualTo(FieldCheck.NOT_RECORDED);
    }

    @Test
    void aWrongNameIsAMismatchAndTheCardNoLongerAgrees() {
        CardCheck check = compare(qr("Nguyễn Văn Anh", null, ISSUED), an());
        assertThat(check.fields().get("fullName")).isEqualTo(FieldCheck.MISMATCH);
        assertThat(check.allAgree()).isFalse();
    }

    @Test
    void theAddressMayNameTheCommuneBeforeOrAfterTheReformWithOrWithoutDistrictAndUnitWords() {
        for (String address : List.of("Số 12 phố Phan Đình Phùng, Phường Quán Thánh, Quận Ba Đình, Thành phố Hà Nội",
                "Số 12 phố Phan Đình Phùng, Phường Ba Đình, Thành phố Hà Nội", "số 12 phố phan đình phùng, ba đình, hà nội",
                "Số 12 phố Phan Đình Phùng, P. Quán Thánh, Q. Ba Đình, TP. Hà Nội", "Số 12 phố Phan Đình Phùng; Trúc Bạch; Hà Nội")) {
            assertThat(CardComparison.addressAgrees(address, ADDRESS)).as(address).isTrue();
        }
    }

    @Test
    void anAddressWithAnotherLineCommuneOrProvinceDiffers() {
        for (String address : List.of("Số 14 phố Phan Đình Phùng, Phường Quán Thánh, Hà Nội",
                "Số 12 phố Phan Đình Phùng, Phường Cầu Giấy, Hà Nội", "Số 12 phố Phan Đình Phùng, Phường Ba Đình, Hải Phòng",
                "Số 12 phố Phan Đình Phùng, Hà Nội", "Số 12 phố Phan Đình Phùng", "Phường Ba Đình, Hà Nội",
                "So 12 pho Phan Dinh Phung, Phuong Ba Dinh, Ha Noi")) {
            assertThat(CardComparison.addressAgrees(address, ADDRESS)).as(address).isFalse();
        }
    }

    @Test
    void aPersonWithoutPermanentResidenceHasNoAddressToCompare() {
        CardCheck check = CardComparison.compare(qr("Nguyễn Văn An", "Số 12 phố Phan Đình Phùng, Hà Nội", ISSUED), an(), null, TODAY);
        assertThat(check.fields().get("permanentAddress")).isEqualTo(FieldCheck.NOT_RECORDED);
        assertThat(check.allAgree()).as("a field the registry does not keep is no disagreement").isTrue();
    }

    @Test
    void aCardIsKnownByItsIssueDate() {
        List<Card> cards = List.of(card(ISSUED, LocalDate.of(2035, 3, 14), "ACTIVE"), card(LocalDate.of(2016, 6, 1), null, "REPLACED"),
                card(LocalDate.of(2019, 1, 2), null, "REVOKED"));
        assertThat(CardComparison.cardState(ISSUED, cards, TODAY)).isEqualTo(CardState.VALID);
        assertThat(CardComparison.cardState(LocalDate.of(2016, 6, 1), cards, TODAY)).isEqualTo(CardState.REPLACED);
        assertThat(CardComparison.cardState(LocalDate.of(2019, 1, 2), cards, TODAY)).isEqualTo(CardState.REVOKED);
        assertThat(CardComparison.cardState(LocalDate.of(2018, 3, 3), cards, TODAY)).as("older than the current card, not listed")
                .isEqualTo(CardState.REPLACED);
        assertThat(CardComparison.cardState(LocalDate.of(2022, 3, 3), cards, TODAY)).as("newer than the current card")
                .isEqualTo(CardState.NOT_ISSUED);
        assertThat(CardComparison.cardState(ISSUED, List.of(), TODAY)).isEqualTo(CardState.NOT_ISSUED);
        assertThat(CardComparison.cardState(null, cards, TODAY)).isEqualTo(CardState.UNKNOWN);
    }

    @Test
    void theCurrentCardPastItsExpiryIsExpired() {
        assertThat(CardComparison.cardState(ISSUED, List.of(card(ISSUED, TODAY.minusDays(1), "ACTIVE")), TODAY)).isEqualTo(CardState.EXPIRED);
        assertThat(CardComparison.cardState(ISSUED, List.of(card(ISSUED, TODAY, "ACTIVE")), TODAY)).as("valid on its last day")
                .isEqualTo(CardState.VALID);
    }

    @Test
    void aReplacedCardsIssueDateDisagreesAndTheCardIsReplaced() {
        CardCheck check = compare(qr("Nguyễn Văn An", null, LocalDate.of(2016, 6, 1)), an());
        assertThat(check.card()).isEqualTo(CardState.REPLACED);
        assertThat(check.fields().get("issueDate")).isEqualTo(FieldCheck.MISMATCH);
        assertThat(check.allAgree()).isFalse();
    }

    @Test
    void theDeadAreFoundButNotAlive() {
        CardCheck check = compare(qr("Nguyễn Văn An", null, ISSUED), an("DECEASED", List.of(card(ISSUED, null, "ACTIVE"))));
        assertThat(check.personStatus()).isEqualTo(PersonStatus.DECEASED);
        assertThat(check.alive()).isFalse();
        assertThat(check.allAgree()).isFalse();
    }

    @Test
    void theChipsOtherFieldsAreComparedWhenStated() {
        CardStatement chip = new CardStatement(new PersonalIdNumber("001075503799"), null, "Nguyễn Văn An", LocalDate.of(1975, 3, 14),
                Gender.MALE, "Việt Nam", "Kinh", "Không", "Hà Nội", null, "Nốt ruồi cách 2cm trên đuôi mắt trái", ISSUED, null,
                "Nguyễn Văn Ba", "Lê Thị Hoa", "TRẦN THỊ BÌNH");
        CardCheck check = compare(chip, an());
        assertThat(check.fields()).containsEntry("nationality", FieldCheck.MATCH).containsEntry("ethnicity", FieldCheck.MATCH)
                .containsEntry("religion", FieldCheck.MATCH).containsEntry("placeOfOrigin", FieldCheck.MATCH)
                .containsEntry("identifyingFeatures", FieldCheck.NOT_RECORDED).containsEntry("fatherName", FieldCheck.MATCH)
                .containsEntry("motherName", FieldCheck.NOT_RECORDED).containsEntry("spouseName", FieldCheck.MATCH)
                .doesNotContainKey("expiryDate").doesNotContainKey("legacyId");
        CardStatement other = new CardStatement(new PersonalIdNumber("001075503799"), null, null, null, null, "Lào", "Tày", "Phật giáo",
                "Hải Phòng", null, null, null, LocalDate.of(2035, 3, 14), "Nguyễn Văn Bá", null, null);
        assertThat(compare(other, an()).fields()).containsEntry("nationality", FieldCheck.MISMATCH)
                .containsEntry("ethnicity", FieldCheck.MISMATCH).containsEntry("religion", FieldCheck.MISMATCH)
                .containsEntry("placeOfOrigin", FieldCheck.MISMATCH).containsEntry("fatherName", FieldCheck.MISMATCH)
                .containsEntry("expiryDate", FieldCheck.MISMATCH);
    }

    @Test
    void theAccessLogNamesTheRegistryFieldsACheckReads() {
        assertThat(CardChecks.loggedFields(qr("Nguyễn Văn An", "Hà Nội", ISSUED)))
                .containsExactly("personalId", "status", "cards", "legacyIds", "fullName", "dateOfBirth", "gender", "residences");
    }
}
