package vn.dancu.units;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

class UnitsApiTest extends IntegrationTest {

    @Test
    void thereAre34ProvincesTodayAnd63BeforeTheReform() {
        assertThat(anonymous().get("/api/v1/units?level=PROVINCE").body().size()).isEqualTo(34);
        assertThat(anonymous().get("/api/v1/units?level=PROVINCE&date=2025-06-30").body().size()).isEqualTo(63);
    }

    @Test
    void aCodeNamesTheUnitOfItsEra() {
        assertThat(anonymous().get("/api/v1/units/24").text("name")).isEqualTo("Tỉnh Bắc Ninh");
        assertThat(anonymous().get("/api/v1/units/24?date=2025-06-30").text("name")).isEqualTo("Tỉnh Bắc Giang");
    }

    @Test
    void aDissolvedUnitAnswersWithItsValidityAndSuccessor() {
        Api.Response haiDuong = anonymous().get("/api/v1/units/30");
        assertThat(haiDuong.status()).isEqualTo(200);
        assertThat(haiDuong.text("status")).isEqualTo("DISSOLVED");
        assertThat(haiDuong.text("validTo")).isEqualTo("2025-06-30");
        assertThat(haiDuong.body().path("successors").get(0).path("code").asString()).isEqualTo("31");
        assertThat(haiDuong.body().path("today").get(0).path("name").asString()).isEqualTo("Thành phố Hải Phòng");
    }

    @Test
    void aNewProvinceNamesTheProvincesItWasMadeOf() {
        JsonNode hcm = anonymous().get("/api/v1/units/79").body();
        assertThat(hcm.path("predecessors").findValuesAsString("code")).containsExactlyInAnyOrder("79", "74", "77");
    }

    @Test
    void communesAreListedWithinTheirProvince() {
        JsonNode communes = anonymous().get("/api/v1/units?level=COMMUNE&parent=01").body();
        assertThat(communes.findValuesAsString("name")).contains("Phường Ba Đình", "Phường Hoàn Kiếm");
        communes.forEach(c -> assertThat(c.path("parent").path("code").asString()).isEqualTo("01"));
    }

    @Test
    void wrongQueriesAreProblems() {
        assertThat(anonymous().get("/api/v1/units?level=DISTRICT").fieldErrors()).contains("level:NOT_ALLOWED");
        assertThat(anonymous().get("/api/v1/units?date=2025-13-01").fieldErrors()).contains("date:INVALID_DATE");
        assertThat(anonymous().get("/api/v1/units?level=COMMUNE&parent=99").fieldErrors()).contains("parent:UNKNOWN_UNIT");
        assertThat(anonymous().get("/api/v1/units/ab").fieldErrors()).contains("code:INVALID_FORMAT");
        assertThat(anonymous().get("/api/v1/units/99").code()).isEqualTo("UNIT_NOT_FOUND");
    }
}
