package vn.dancu.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.dancu.platform.ApiProblem.FieldProblem;
import vn.dancu.registry.Gender;

/** Every layout of a card's QR code that cards print, and the texts that are not one. */
class CardQrTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    static final String ADDRESS = "Số 12 phố Phan Đình Phùng, Phường Quán Thánh, Quận Ba Đình, Hà Nội";
    static final String AN = "001075503799|012345678|Nguyễn Văn An|14031975|Nam|" + ADDRESS + "|10052021";

    static CardQr.Reading parse(String text) {
        return CardQr.parse(text, TODAY, code -> !code.equals("999"));
    }

    static CardQr.Read read(String text) {
        CardQr.Reading reading = parse(text);
        assertThat(reading).as(text).isInstanceOf(CardQr.Read.class);
        return (CardQr.Read) reading;
    }

    static List<String> codes(String text) {
        CardQr.Reading reading = parse(text);
        assertThat(reading).as(text).isInstanceOf(CardQr.Malformed.class);
        return ((CardQr.Malformed) reading).problems().stream().map(p -> p.field() + ":" + p.code()).toList();
    }

    @Test
    void theSevenFieldsOfACardAreReadIntoItsStatement() {
        CardQr.Read read = read(AN);
        CardStatement card = read.statement();
        assertThat(read.layout()).isEqualTo(CardQr.Layout.SEVEN_FIELDS);
        assertThat(card.personalId().value()).isEqualTo("001075503799");
        assertThat(card.legacyId().value()).isEqualTo("012345678");
        assertThat(card.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(card.dateOfBirth()).isEqualTo(LocalDate.of(1975, 3, 14));
        assertThat(card.gender()).isEqualTo(Gender.MALE);
        assertThat(card.permanentAddress()).isEqualTo(ADDRESS);
        assertThat(card.issueDate()).isEqualTo(LocalDate.of(2021, 5, 10));
        assertThat(card.statedFields()).containsExactly("legacyId", "fullName", "dateOfBirth", "gender", "permanentAddress", "issueDate");
    }

    @Test
    void anEmptyOldNumberIsACardWithoutOne() {
        CardStatement card = read("001075503799||Nguyễn Văn An|14031975|Nam|" + ADDRESS + "|10052021").statement();
        assertThat(card.legacyId()).isNull();
        assertThat(card.statedFields()).doesNotContain("legacyId");
    }

    @Test
    void emptyFieldsAfterTheIssueDateAreIgnored() {
        assertThat(read(AN + "||||").statement().issueDate()).isEqualTo(LocalDate.of(2021, 5, 10));
        assertThat(read("001075503799||Nguyễn Văn An|14031975|Nam|" + ADDRESS + "|10052021|").layout())
                .isEqualTo(CardQr.Layout.SEVEN_FIELDS);
    }

    @Test
    void theSixFieldFormHasNoOldNumber() {
        CardQr.Read read = read("001075503799|Nguyễn Văn An|14031975|Nam|" + ADDRESS + "|10052021");
        assertThat(read.layout()).isEqualTo(CardQr.Layout.SIX_FIELDS);
        assertThat(read.statement().legacyId()).isNull();
        assertThat(read.statement().fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(read("001075503799|Nguyễn Văn An|14031975|Nam|" + ADDRESS + "|10052021||").layout())
                .isEqualTo(CardQr.Layout.SIX_FIELDS);
    }

    @Test
    void aByteOrderMarkBlanksAndLineEndsAroundTheTextOrAFieldAreForgiven() {
        CardStatement card = read("\uFEFF  001075503799 | 012345678 |  Nguyễn  Văn An |14031975| Nam |" + ADDRESS + "|10052021\r\n")
                .statement();
        assertThat(card.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(card.legacyId().value()).isEqualTo("012345678");
    }

    @Test
    void aNameInDecomposedUnicodeIsStoredComposed() {
        String decomposed = java.text.Normalizer.normalize("Nguyễn Văn An", java.text.Normalizer.Form.NFD);
        assertThat(read(AN.replace("Nguyễn Văn An", decomposed)).statement().fullName()).isEqualTo("Nguyễn Văn An");
    }

    @ParameterizedTest
    @CsvSource({"Nam,MALE", "NAM,MALE", "nam,MALE", "Nữ,FEMALE", "NỮ,FEMALE", "Nu,FEMALE", "nu,FEMALE"})
    void theGenderIsReadInAnyCaseWithOrWithoutItsMark(String written, Gender gender) {
        String number = gender == Gender.MALE ? "001075503799" : "001175503799";
        assertThat(read(AN.replace("001075503799", number).replace("|Nam|", "|" + written + "|")).statement().gender()).isEqualTo(gender);
    }

    @Test
    void noTextIsAnEmptyCode() {
        assertThat(codes(null)).containsExactly("qr:QR_EMPTY");
        assertThat(codes("")).containsExactly("qr:QR_EMPTY");
        assertThat(codes(" \r\n\uFEFF")).containsExactly("qr:QR_EMPTY");
    }

    @Test
    void aHugeTextIsRefusedUnread() {
        assertThat(codes(AN + "|".repeat(CardQr.MAX_LENGTH))).containsExactly("qr:QR_TOO_LONG");
        assertThat(codes("x".repeat(5_000_000))).containsExactly("qr:QR_TOO_LONG");
    }

    @ParameterizedTest
    @ValueSource(strings = {"001075503799", "001075503799|012345678|Nguyễn Văn An|14031975|Nam",
            "001075503799|012345678|Nguyễn Văn An|14031975|Nam|Hà Nội|10052021|extra",
            "a|b|c|d|e|f|g|h|i", "hello world", "https://example.com/?id=001075503799"})
    void tooFewOrTooManyFieldsAreAFieldCountProblem(String text) {
        assertThat(codes(text)).containsExactly("qr:QR_FIELD_COUNT");
    }

    @Test
    void aLineBreakInsideIsNotACardsText() {
        assertThat(codes(AN.replace("|Nam|", "|Nam\n|"))).containsExactly("qr:QR_INVALID_CHARACTERS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00107550379", "0010755037990", "00107550379O", "001 07550379", "abcdefghijkl"})
    void aNumberThatIsNotTwelveDigitsIsInvalid(String number) {
        assertThat(codes(AN.replace("001075503799", number))).contains("personalId:INVALID_PERSONAL_ID");
    }

    @Test
    void aNumberOfNoProvinceIsRefused() {
        assertThat(codes(AN.replace("001075503799", "999075503799"))).containsExactly("personalId:UNKNOWN_ISSUING_CODE");
    }

    @Test
    void aNumberThatEncodesAnotherGenderOrCenturyContradictsTheCard() {
        assertThat(codes(AN.replace("001075503799", "001175503799"))).containsExactly("personalId:PERSONAL_ID_CONTRADICTS_CARD");
        assertThat(codes(AN.replace("001075503799", "001275503799"))).as("born in the 2000s")
                .containsExactly("personalId:PERSONAL_ID_CONTRADICTS_CARD");
        assertThat(codes(AN.replace("001075503799", "001076503799"))).as("born in 1976")
                .containsExactly("personalId:PERSONAL_ID_CONTRADICTS_CARD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "1234567890", "12345678A", "１２３４５６７８９"})
    void anOldNumberThatIsNotNineDigitsIsInvalid(String legacy) {
        assertThat(codes(AN.replace("012345678", legacy))).containsExactly("legacyId:INVALID_LEGACY_ID");
    }

    @ParameterizedTest
    @CsvSource({"31022000,INVALID_DATE", "29022001,INVALID_DATE", "00011975,INVALID_DATE", "14131975,INVALID_DATE",
            "1403197,INVALID_DATE", "140319750,INVALID_DATE", "14-03-1975,INVALID_DATE", "1975-03-14,INVALID_DATE",
            "1403l975,INVALID_DATE", "14031799,DATE_OUT_OF_RANGE", "06122026,DATE_IN_FUTURE"})
    void aDateOfBirthThatDoesNotExistOrIsOutOfRangeIsRefused(String date, String code) {
        assertThat(codes(AN.replace("14031975", date))).contains("dateOfBirth:" + code);
    }

    @Test
    void aLeapDayThatExistsIsADate() {
        assertThat(read(AN.replace("10052021", "29022024")).statement().issueDate()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void anIssueDateInTheFutureOrBeforeTheBirthIsRefused() {
        assertThat(codes(AN.replace("10052021", "01012027"))).containsExactly("issueDate:DATE_IN_FUTURE");
        assertThat(codes(AN.replace("10052021", "01011970"))).containsExactly("issueDate:ISSUED_BEFORE_BIRTH");
        assertThat(codes(AN.replace("10052021", "31042021"))).containsExactly("issueDate:INVALID_DATE");
    }

    @Test
    void sevenFieldsWithoutTheIssueDateLackIt() {
        assertThat(codes("001075503799|012345678|Nguyễn Văn An|14031975|Nam|" + ADDRESS + "|")).containsExactly("issueDate:REQUIRED");
        assertThat(codes("001075503799||Nguyễn Văn An|14031975|Nam|" + ADDRESS)).containsExactly("issueDate:REQUIRED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Male", "M", "F", "Nữa", "1", "0"})
    void aGenderOtherThanNamOrNuIsRefused(String gender) {
        assertThat(codes(AN.replace("|Nam|", "|" + gender + "|"))).containsExactly("gender:INVALID_GENDER");
    }

    @Test
    void anEmptyGenderIsRefused() {
        assertThat(codes(AN.replace("|Nam|", "||"))).containsExactly("gender:INVALID_GENDER");
    }

    @Test
    void aNameMustBeLettersAndPresent() {
        assertThat(codes(AN.replace("Nguyễn Văn An", ""))).containsExactly("fullName:NAME_REQUIRED");
        assertThat(codes(AN.replace("Nguyễn Văn An", "Nguyễn Văn 4n"))).containsExactly("fullName:INVALID_NAME");
        assertThat(codes(AN.replace("Nguyễn Văn An", "<script>"))).containsExactly("fullName:INVALID_NAME");
        assertThat(codes(AN.replace("Nguyễn Văn An", "A".repeat(101)))).containsExactly("fullName:INVALID_NAME");
    }

    @Test
    void anAddressMustBePresentAndOfACardsLength() {
        assertThat(codes(AN.replace(ADDRESS, " "))).containsExactly("permanentAddress:ADDRESS_REQUIRED");
        assertThat(codes(AN.replace(ADDRESS, "x".repeat(301)))).containsExactly("permanentAddress:TOO_LONG");
    }

    @Test
    void everyProblemOfAFieldIsToldAtOnce() {
        assertThat(codes("00107550379X|12|  |31022000|X||01012030")).containsExactlyInAnyOrder(
                "personalId:INVALID_PERSONAL_ID", "legacyId:INVALID_LEGACY_ID", "fullName:NAME_REQUIRED",
                "dateOfBirth:INVALID_DATE", "gender:INVALID_GENDER", "permanentAddress:ADDRESS_REQUIRED", "issueDate:DATE_IN_FUTURE");
    }

    @Test
    void randomTextNeverThrows() {
        java.util.Random random = new java.util.Random(15);
        String alphabet = "0123456789|| aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠ\r\n\t\uFEFF\u0000";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(200); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            CardQr.Reading reading = parse(text.toString());
            if (reading instanceof CardQr.Malformed malformed) {
                assertThat(malformed.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.code()).matches("[A-Z_]+"));
            }
        }
    }

    @Test
    void problemsNameTheirFieldAndSayWhat() {
        FieldProblem problem = ((CardQr.Malformed) parse(AN.replace("14031975", "31022000"))).problems().getFirst();
        assertThat(problem.field()).isEqualTo("dateOfBirth");
        assertThat(problem.message()).contains("31022000");
    }
}
