package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import vn.dancu.IntegrationTest;

/**
 * Every procedure that has a class, the ones added later included, has its texts in both
 * languages: each field's label, each option's, each attachment's, each step's result title. A
 * missing one would show on the form, the application and the officer's page as its key.
 */
class ProcedureTextsTest extends IntegrationTest {

    static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("vi"), Locale.ENGLISH);

    @Autowired
    Procedures procedures;
    @Autowired
    MessageSource messages;

    @Test
    void everyProcedureHasItsLabelsOptionsAttachmentsAndResultTitlesInBothLanguages() {
        assertThat(procedures.numbers()).as("procedures with a class").hasSizeGreaterThanOrEqualTo(10);
        List<String> missing = new ArrayList<>();
        for (int n : procedures.numbers()) {
            Forms.Form form = procedures.form(n);
            List<String> keys = new ArrayList<>();
            for (Forms.Field field : form.fields()) {
                keys.add(field.labelKey());
                field.options().stream().filter(option -> !isEthnicGroup(field, option)).map(field::optionKey).forEach(keys::add);
            }
            form.attachments().forEach(a -> keys.add(a.labelKey()));
            procedures.require(n).steps().forEach(step -> keys.add(step.resultKey()));
            for (String key : keys) {
                for (Locale language : LANGUAGES) {
                    if (messages.getMessage(key, null, null, language) == null) {
                        missing.add("procedure " + n + ": " + key + " (" + language + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The names of the 54 ethnic groups are proper names, the same in both languages; "Người nước ngoài" is not one. */
    private static boolean isEthnicGroup(Forms.Field field, String option) {
        return field.name().endsWith("ethnicity") && !option.equals("Người nước ngoài");
    }
}
