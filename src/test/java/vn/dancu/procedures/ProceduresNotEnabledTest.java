package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.dancu.Api;
import vn.dancu.OperatedIntegrationTest;
import vn.dancu.TestApis;

/**
 * Every procedure of Appendix I has a class, so the demo platform enables all 25; an operator may enable fewer
 * ({@code dancu.procedures.enabled}): the operated platform of the tests leaves out 25.
 */
class ProceduresNotEnabledTest extends OperatedIntegrationTest {

    @Test
    void aProcedureTheOperatorLeftOutAnswersThatItIsNotEnabled() {
        Api anyone = TestApis.of(port, null, null);

        assertThat(anyone.get("/api/v1/procedures/25/form").code()).isEqualTo("PROCEDURE_NOT_ENABLED");
        assertThat(anyone.get("/api/v1/procedures/25/form").status()).isEqualTo(409);
        assertThat(anyone.get("/api/v1/procedures/24/form").status()).isEqualTo(200);
        assertThat(anyone.get("/api/v1/procedures/25").status()).as("the catalog still lists it").isEqualTo(200);
    }
}
