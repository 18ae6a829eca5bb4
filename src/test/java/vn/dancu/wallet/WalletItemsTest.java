package vn.dancu.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dancu.procedures.Results;
import vn.dancu.registry.Card;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonFinder.ResidenceView;
import vn.dancu.registry.PersonFinder.UnitRef;

/** How the registry's card and documents and the procedures' results become wallet items: claims, ids and status. */
class WalletItemsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    static final String TRANG = "001190318773";

    @Test
    void theCardCarriesEveryClaimOfItsTypeFromTheRegistry() {
        WalletItem card = ItemMapping.card(trang(List.of("012345678", "123456789")), activeCard(LocalDate.of(2030, 2, 2)), TODAY);

        assertThat(card.id()).isEqualTo("card:" + TRANG + ":2024-07-01");
        assertThat(card.kind()).isEqualTo(WalletItem.Kind.ID_CARD);
        assertThat(card.type()).isEqualTo("ID_CARD");
        assertThat(card.claims()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("card_number", TRANG), Map.entry("personal_id", TRANG), Map.entry("name", "Đỗ Thu Trang"),
                Map.entry("family_name", "Đỗ"), Map.entry("given_name", "Thu Trang"), Map.entry("birthdate", "1990-03-18"),
                Map.entry("gender", "FEMALE"), Map.entry("nationality", "VN"), Map.entry("place_of_origin", "Nam Định"),
                Map.entry("address", "Số 8 ngõ 68 Cầu Giấy, Phường Cầu Giấy, Thành phố Hà Nội"),
                Map.entry("old_id_number", "123456789"), Map.entry("issue_date", "2024-07-01"),
                Map.entry("expiry_date", "2030-02-02"), Map.entry("issuing_authority", "Cục Cảnh sát QLHC về TTXH")));
        assertThat(card.claimNames()).containsExactlyElementsOf(Claims.of(WalletItem.Kind.ID_CARD, "ID_CARD"));
        assertThat(List.copyOf(card.claims().keySet())).as("in the listed order").containsExactlyElementsOf(card.claimNames());
        assertThat(card.source().code()).isEqualTo("POLICE");
        assertThat(card.status()).isEqualTo(WalletItem.Status.VALID);
    }

    @Test
    void aCardValidForLifeHasNoExpiryClaimAndAPersonWithoutOldNumberNoOldNumberClaim() {
        WalletItem card = ItemMapping.card(trang(List.of()), activeCard(null), TODAY);

        assertThat(card.claims()).doesNotContainKeys("expiry_date", "old_id_number");
        assertThat(card.validUntil()).isNull();
        assertThat(card.status()).isEqualTo(WalletItem.Status.VALID);
    }

    @Test
    void aCardIsValidOnItsLastDayExpiredTheDayAfterAndReplacedOrWithdrawnWhateverItsDate() {
        assertThat(ItemStatus.ofCard(activeCard(TODAY), TODAY)).isEqualTo(WalletItem.Status.VALID);
        assertThat(ItemStatus.ofCard(activeCard(TODAY.minusDays(1)), TODAY)).isEqualTo(WalletItem.Status.EXPIRED);
        assertThat(ItemStatus.ofCard(card("REPLACED", TODAY.plusYears(3)), TODAY)).isEqualTo(WalletItem.Status.REPLACED);
        assertThat(ItemStatus.ofCard(card("REPLACED", TODAY.minusYears(3)), TODAY)).isEqualTo(WalletItem.Status.REPLACED);
        assertThat(ItemStatus.ofCard(card("REVOKED", TODAY.minusYears(3)), TODAY)).as("a revoked card, even expired")
                .isEqualTo(WalletItem.Status.WITHDRAWN);
    }

    @Test
    void theCardInUseIsTheActiveOneElseTheNewest() {
        Card replaced = new Card(1, TRANG, LocalDate.of(2016, 4, 12), LocalDate.of(2030, 3, 18), "C06", "REPLACED");
        Card active = activeCard(LocalDate.of(2030, 3, 18));
        assertThat(ItemMapping.cardInUse(List.of(active, replaced))).contains(active);
        assertThat(ItemMapping.cardInUse(List.of(replaced))).contains(replaced);
        assertThat(ItemMapping.cardInUse(List.of())).isEmpty();
    }

    @Test
    void aDocumentCarriesItsKindsDetailsUnderTheirClaimNamesAndNothingElse() {
        Document licence = new Document("DRIVING_LICENCE", "010190000789", "Cục Cảnh sát QLHC về TTXH", LocalDate.of(2015, 9, 1),
                LocalDate.of(2025, 9, 1), Map.of("class", "B2", "application", "HS-1"), Instant.EPOCH);

        WalletItem item = ItemMapping.document(trang(List.of()), licence, TODAY);

        assertThat(item.type()).isEqualTo("DRIVING_LICENCE");
        assertThat(item.claims()).containsEntry("document_number", "010190000789").containsEntry("class", "B2")
                .containsEntry("valid_from", "2015-09-01").containsEntry("valid_until", "2025-09-01")
                .containsEntry("issuing_authority", "Cục Cảnh sát QLHC về TTXH").containsEntry("personal_id", TRANG)
                .containsEntry("birthdate", "1990-03-18").doesNotContainKey("application");
        assertThat(Claims.of(WalletItem.Kind.DOCUMENT, "DRIVING_LICENCE")).containsAll(item.claims().keySet());
        assertThat(item.ownClaimNames()).contains("class").doesNotContain("personal_id", "name", "birthdate");
        assertThat(item.status()).as("its last day was before today").isEqualTo(WalletItem.Status.EXPIRED);
        assertThat(item.source().name()).isEqualTo("Cục Cảnh sát QLHC về TTXH");
    }

    @Test
    void aDocumentEndedOrWithdrawnByItsAgencyIsWithdrawnAndOneWithASuccessorReplaced() {
        LocalDate nextYear = TODAY.plusYears(1);
        assertThat(ItemStatus.ofDocument(document(Map.of(), nextYear), TODAY)).isEqualTo(WalletItem.Status.VALID);
        assertThat(ItemStatus.ofDocument(document(Map.of(), null), TODAY)).isEqualTo(WalletItem.Status.VALID);
        assertThat(ItemStatus.ofDocument(document(Map.of(), TODAY.minusDays(1)), TODAY)).isEqualTo(WalletItem.Status.EXPIRED);
        assertThat(ItemStatus.ofDocument(document(Map.of("replacedBy", "C7654321"), TODAY), TODAY))
                .isEqualTo(WalletItem.Status.REPLACED);
        assertThat(ItemStatus.ofDocument(document(Map.of("ended", "2026-12-04 HS-9"), TODAY.minusDays(1)), TODAY))
                .isEqualTo(WalletItem.Status.WITHDRAWN);
        assertThat(ItemStatus.ofDocument(document(Map.of("withdrawn", "2026-12-01", "replacedBy", "X"), nextYear), TODAY))
                .isEqualTo(WalletItem.Status.WITHDRAWN);
    }

    @Test
    void aDocumentsIdIsSafeInAUrlAndGivesBackItsNumber() {
        String number = "CĐ 123/2010 #7";
        String id = ItemMapping.documentId("LAND_USE_CERTIFICATE", number);

        assertThat(id).startsWith("document:LAND_USE_CERTIFICATE:").matches("[A-Za-z0-9_:-]+");
        String encoded = id.substring("document:LAND_USE_CERTIFICATE:".length());
        assertThat(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)).isEqualTo(number);
        assertThat(ItemMapping.documentId("PASSPORT", number)).isNotEqualTo(id);
    }

    @Test
    void aResultIsDatedInVietnamAndStaysValid() {
        UUID id = UUID.fromString("0d6c5d1e-9a70-4b7e-9c3b-4a3c8b1f2e10");
        Results.Result result = new Results.Result(id, "HS-2026-0000042", 3, TRANG, "CHILD_HEALTH_INSURANCE", "SOCIAL_INSURANCE",
                Instant.parse("2026-12-04T18:30:00Z"));

        WalletItem item = ItemMapping.result(trang(List.of()), result, ZoneId.of("Asia/Ho_Chi_Minh"));

        assertThat(item.id()).isEqualTo("result:" + id);
        assertThat(item.validFrom()).as("01:30 on 5 December in Hà Nội").isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(item.claims()).containsEntry("document_number", id.toString()).containsEntry("application_code", "HS-2026-0000042")
                .containsEntry("issue_date", "2026-12-05").containsEntry("issuing_authority", "Bảo hiểm xã hội");
        assertThat(Claims.of(WalletItem.Kind.RESULT, "CHILD_HEALTH_INSURANCE")).containsAll(item.claims().keySet());
        assertThat(item.source().messageKey()).isEqualTo("wallet.agency.SOCIAL_INSURANCE");
        assertThat(item.status()).isEqualTo(WalletItem.Status.VALID);
    }

    @Test
    void theCardsQrHasTheSevenFieldsOfTheCardWithAnEmptyOldNumberWhenThereIsNone() {
        WalletItem withOld = ItemMapping.card(trang(List.of("123456789")), activeCard(LocalDate.of(2030, 2, 2)), TODAY);
        WalletItem withoutOld = ItemMapping.card(trang(List.of()), activeCard(LocalDate.of(2030, 2, 2)), TODAY);

        assertThat(Wallet.cardQrText(withOld)).isEqualTo(TRANG + "|123456789|Đỗ Thu Trang|18031990|Nữ|"
                + "Số 8 ngõ 68 Cầu Giấy, Phường Cầu Giấy, Thành phố Hà Nội|01072024");
        assertThat(Wallet.cardQrText(withoutOld).split("\\|", -1)).hasSize(7).satisfies(f -> assertThat(f[1]).isEmpty());
        WalletItem document = ItemMapping.document(trang(List.of()), document(Map.of(), null), TODAY);
        assertThatThrownBy(() -> Wallet.cardQrText(document)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDocumentKindHasItsClaimsAndEveryClaimItsLabelInBothLanguages() throws IOException {
        assertThat(Claims.DETAILS.keySet()).containsExactlyInAnyOrder(DocumentKind.values());
        Properties vi = load("messages.properties");
        Properties en = load("messages_en.properties");
        List<String> names = new java.util.ArrayList<>(Claims.of(WalletItem.Kind.ID_CARD, "ID_CARD"));
        names.addAll(Claims.of(WalletItem.Kind.RESULT, "BIRTH"));
        for (DocumentKind kind : DocumentKind.values()) {
            List<String> claims = Claims.of(WalletItem.Kind.DOCUMENT, kind.name());
            assertThat(claims).as(kind.name()).doesNotHaveDuplicates();
            names.addAll(claims);
        }
        for (String name : names) {
            assertThat(name).matches("[a-z]+(_[a-z0-9]+)*");
            assertThat(vi.getProperty("wallet.claim." + name)).as(name).isNotBlank();
            assertThat(en.getProperty("wallet.claim." + name)).as(name).isNotBlank();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = WalletItemsTest.class.getResourceAsStream("/" + name)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Card activeCard(LocalDate expiry) {
        return card("ACTIVE", expiry);
    }

    private static Card card(String status, LocalDate expiry) {
        return new Card(2, TRANG, LocalDate.of(2024, 7, 1), expiry, "Cục Cảnh sát QLHC về TTXH", status);
    }

    private static Document document(Map<String, String> details, LocalDate validTo) {
        return new Document("PASSPORT", "C1234567", "Cục Quản lý xuất nhập cảnh", LocalDate.of(2020, 1, 1), validTo, details,
                Instant.EPOCH);
    }

    /** Đỗ Thu Trang as the registry shows her, with a permanent residence in Cầu Giấy and a closed earlier one. */
    static PersonView trang(List<String> legacyIds) {
        UnitRef commune = new UnitRef("00166", "COMMUNE", "Phường Cầu Giấy", null, List.of());
        UnitRef province = new UnitRef("01", "PROVINCE", "Thành phố Hà Nội", null, List.of());
        ResidenceView earlier = new ResidenceView("PERMANENT", commune, province, "Số 1 phố Cũ", LocalDate.of(2010, 1, 1),
                LocalDate.of(2020, 1, 1), false);
        ResidenceView current = new ResidenceView("PERMANENT", commune, province, "Số 8 ngõ 68 Cầu Giấy", LocalDate.of(2020, 1, 2),
                null, true);
        return new PersonView(TRANG, "Đỗ Thu Trang", null, "FEMALE", LocalDate.of(1990, 3, 18), "Hà Nội", null, "Nam Định", "Kinh",
                null, "VN", null, "SINGLE", "ALIVE", null, null, null, null, null, null, legacyIds, current, List.of(earlier, current),
                null, null, List.of(), null, null);
    }
}
