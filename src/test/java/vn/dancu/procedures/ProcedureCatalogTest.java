package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/** The catalog of Appendix I as anyone reads it, without logging in. */
class ProcedureCatalogTest extends IntegrationTest {

    @Test
    void theCatalogListsTheTwentyFiveProceduresOfAppendixOne() {
        Api.Response catalog = anonymous().get("/api/v1/procedures");
        assertThat(catalog.status()).isEqualTo(200);
        JsonNode items = catalog.body();
        assertThat(items.size()).isEqualTo(25);
        assertThat(IntStream.range(0, 25).map(i -> items.get(i).path("appendixNo").asInt()).toArray())
                .containsExactly(IntStream.rangeClosed(1, 25).toArray());
        JsonNode birth = items.get(8);
        assertThat(birth.path("code").asString()).isEqualTo("birth-registration");
        assertThat(birth.path("nameVi").asString()).isEqualTo("Đăng ký khai sinh");
        assertThat(birth.path("nameEn").asString()).isEqualTo("Birth registration");
        assertThat(birth.path("serviceLevel").asInt()).isEqualTo(3);
        assertThat(birth.path("leadAgencyVi").asString()).isEqualTo("Bộ Tư pháp");
        assertThat(items.get(14).path("linked").asBoolean()).isTrue();
        assertThat(items.get(14).path("nameVi").asString()).contains("khai sinh").contains("thường trú").contains("bảo hiểm y tế");
        assertThat(items.get(15).path("linked").asBoolean()).isTrue();
        assertThat(items.get(15).path("cooperatingAgenciesVi").asString()).contains("Bộ Lao động");
        assertThat(items.findValuesAsString("serviceLevel")).allMatch(l -> l.equals("3") || l.equals("4"));
    }

    @Test
    void oneProcedureByItsNumberAndWrongNumbersAreRefused() {
        assertThat(anonymous().get("/api/v1/procedures/16").body().path("code").asString()).isEqualTo("linked-death");
        Api.Response missing = anonymous().get("/api/v1/procedures/26");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("PROCEDURE_NOT_FOUND");
        Api.Response notANumber = anonymous().get("/api/v1/procedures/khai-sinh");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.fieldErrors()).contains("appendixNo:INVALID_FORMAT");
    }
}
