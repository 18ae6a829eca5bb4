package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * What the platform holds every procedure class to (its texts: ProcedureTextsTest): one class per
 * number of Appendix I, one meaning per step kind, and only procedures with a class enabled.
 */
class ProcedureFrameworkTest extends IntegrationTest {

    @Autowired
    List<Procedure<?>> all;
    @Autowired
    MessageSource messages;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    Applications applications;

    /** A procedure that only declares a step. */
    record Declaring(int appendixNo, Step step) implements Procedure<Object> {

        @Override
        public Forms.Declaration form() {
            return Forms.Declaration.of();
        }

        @Override
        public List<Step> steps() {
            return List.of(step);
        }

        @Override
        public Object read(FormValues values) {
            return values;
        }

        @Override
        public Plan plan(Object form, Lodging lodging) {
            return Plan.of(step, "00166");
        }

        @Override
        public Approval.Outcome approve(Object form, Approval approval) {
            throw new UnsupportedOperationException("declares only");
        }
    }

    @Test
    void theFormIsPublishedWithItsLabelsInBothLanguagesForAnEnabledProcedureOnly() {
        Api.Response published = anonymous().get("/api/v1/procedures/9/form");
        assertThat(published.status()).isEqualTo(200);
        JsonNode child = field(published.body(), "child.fullName");
        assertThat(child.path("labelVi").asString()).isEqualTo("Họ, chữ đệm, tên của trẻ");
        assertThat(child.path("labelEn").asString()).isEqualTo("Child's full name");
        assertThat(child.path("source").asString()).isEqualTo("APPLICANT");
        assertThat(field(published.body(), "applicant.fullName").path("source").asString()).isEqualTo("REGISTRY");
        assertThat(published.body().path("attachments").get(0).path("labelEn").asString())
                .isEqualTo("Medical birth certificate (signed by the hospital)");
        assertThat(anonymous().get("/api/v1/procedures/26/form").code()).isEqualTo("PROCEDURE_NOT_FOUND");
        IntStream.rangeClosed(1, 25).filter(n -> !applications.enabled(n)).findFirst().ifPresent(n ->
                assertThat(anonymous().get("/api/v1/procedures/" + n + "/form").code()).isEqualTo("PROCEDURE_NOT_ENABLED"));
    }

    @Test
    void thePlatformDoesNotStartWithTwoClassesForOneProcedureOneOutsideAppendixIOrALinkedOneWithoutItsProcess() {
        Step step = new Step("BIRTH", Agency.JUSTICE, 0);
        assertThatThrownBy(() -> new Procedures(List.of(new Declaring(2, step), new Declaring(2, step)), catalog, messages))
                .hasMessageContaining("Procedure 2 has two classes");
        assertThatThrownBy(() -> new Procedures(List.of(new Declaring(26, step)), catalog, messages))
                .hasMessageContaining("not in Appendix I");
        assertThatThrownBy(() -> new Procedures(List.of(new Declaring(15, step)), catalog, messages))
                .as("a linked procedure runs through its process").hasMessageContaining("exactly when it names its process");
    }

    @Test
    void aStepKindMeansOneStepAndHasItsResultsTitleInBothLanguages() {
        assertThatThrownBy(() -> new Procedures(List.of(new Declaring(2, new Step("BIRTH", Agency.JUSTICE, 0)),
                new Declaring(7, new Step("BIRTH", Agency.POLICE, 1))), catalog, messages))
                .hasMessageContaining("Two steps of kind BIRTH");
        assertThatThrownBy(() -> new Procedures(List.of(new Declaring(2, new Step("UNTITLED", Agency.POLICE, 1))), catalog, messages))
                .hasMessageContaining("No result.UNTITLED");
        assertThatThrownBy(() -> new Step("birth", Agency.JUSTICE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Step("BIRTH", null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Plan.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEnabledPropertyOnlyNarrowsTheProceduresThatHaveAClass() {
        Procedures procedures = new Procedures(all, catalog, messages);
        assertThatThrownBy(() -> applications(procedures, Set.of(1, 26))).hasMessageContaining("names 26, which has no class");
        Applications narrowed = applications(procedures, Set.of(1, 3));
        assertThat(narrowed.enabled(1)).isTrue();
        assertThat(narrowed.enabled(9)).isFalse();
        Applications every = applications(procedures, Set.of());
        assertThat(all).allSatisfy(p -> assertThat(every.enabled(p.appendixNo())).isTrue());
        assertThat(every.enabled(26)).isFalse();
    }

    private Applications applications(Procedures procedures, Set<Integer> enabled) {
        return new Applications(catalog, procedures, null, null, null, null, null, null, null, null, messages, null, enabled);
    }

    private static JsonNode field(JsonNode form, String name) {
        for (JsonNode f : form.path("fields")) {
            if (f.path("name").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("No field " + name + " in " + form);
    }
}
