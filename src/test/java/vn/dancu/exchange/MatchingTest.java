package vn.dancu.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dancu.registry.PersonFinder;

/** The comparison rules of checks and reconciliation, without a database. */
class MatchingTest {

    @Test
    void namesAreComparedAsThePolicySays() {
        assertThat(Matching.name("Nguyễn Văn An", "Nguyễn Văn An", "EXACT")).isTrue();
        assertThat(Matching.name("nguyễn văn an", "Nguyễn Văn An", "EXACT")).isFalse();
        assertThat(Matching.name("Nguye\u0302\u0303n Văn An", "Nguyễn Văn An", "EXACT")).as("decomposed marks are the same letters").isTrue();
        assertThat(Matching.name(" nguyễn  VĂN an ", "Nguyễn Văn An", "CASE_AND_SPACING")).isTrue();
        assertThat(Matching.name("Nguyen Van An", "Nguyễn Văn An", "CASE_AND_SPACING")).isFalse();
        assertThat(Matching.name("NGUYEN VAN AN", "Nguyễn Văn An", "DIACRITICS")).isTrue();
        assertThat(Matching.name("Dang Van Dung", "Đặng Văn Dũng", "DIACRITICS")).as("đ folds to d").isTrue();
        assertThat(Matching.name("Nguyễn Văn Anh", "Nguyễn Văn An", "DIACRITICS")).isFalse();
        assertThat(Matching.name(null, "Nguyễn Văn An", "DIACRITICS")).isFalse();
    }

    @Test
    void addressesForgiveMarksPunctuationUnitWordsAndTheReform() {
        PersonFinder.Address registered = new PersonFinder.Address("Số 12 phố Phan Đình Phùng",
                List.of("Phường Ba Đình", "Phường Quán Thánh", "Phường Trúc Bạch"), List.of("Thành phố Hà Nội"));
        assertThat(Matching.address("Số 12 phố Phan Đình Phùng, Phường Ba Đình, Thành phố Hà Nội", registered)).isTrue();
        assertThat(Matching.address("so 12 Phan Dinh Phung - P. Quan Thanh - TP Ha Noi", registered)).isTrue();
        assertThat(Matching.address("Số 12 đường Phan Đình Phùng, Quán Thánh, Ba Đình, Hà Nội", registered)).isTrue();
        assertThat(Matching.address("Số 14 phố Phan Đình Phùng, Phường Ba Đình", registered)).as("another house").isFalse();
        assertThat(Matching.address("Số 12 phố Phan Đình Phùng, Phường Cầu Giấy", registered)).as("another ward").isFalse();
        assertThat(Matching.address("Số 12 phố Phan Đình Phùng, Hà Nội", registered)).as("the province alone is not enough").isFalse();
        assertThat(Matching.address("anything", null)).isFalse();
    }

    @Test
    void reconciliationRowsReportWhatIsWrongWithThem() {
        assertThat(Reconciliations.input(2, Map.of("personalId", "001075503799")).error()).isNull();
        assertThat(Reconciliations.input(3, Map.of()).error()).contains("personalId or legacyId");
        assertThat(Reconciliations.input(4, Map.of("legacyId", "12345")).error()).contains("9 digits");
        assertThat(Reconciliations.input(5, Map.of("personalId", "001075503799", "dateOfBirth", "1975-02-30",
                "gender", "NAM")).error()).contains("dateOfBirth").contains("gender");
    }

    @Test
    void webhooksGoToPublicAddressesOnly() throws Exception {
        for (String inside : List.of("127.0.0.1", "10.1.2.3", "192.168.1.1", "172.16.0.9", "169.254.169.254", "0.0.0.0",
                "::1", "fd00::1", "fe80::1", "224.0.0.1")) {
            assertThat(Webhooks.isPublic(java.net.InetAddress.getByName(inside))).as(inside).isFalse();
        }
        assertThat(Webhooks.isPublic(java.net.InetAddress.getByName("203.162.4.190"))).isTrue();
        assertThat(Webhooks.isPublic(java.net.InetAddress.getByName("2001:ee0:4141::1"))).isTrue();
    }

    @Test
    void retriesBackOffExponentiallyUpToAnHour() {
        assertThat(Webhooks.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Webhooks.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Webhooks.backoff(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(Webhooks.backoff(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(Webhooks.backoff(10)).isEqualTo(Duration.ofHours(1));
        assertThat(Webhooks.backoff(40)).isEqualTo(Duration.ofHours(1));
    }
}
