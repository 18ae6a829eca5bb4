package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DocumentAndNamePolicyTest {

    @Test
    void aDocumentIsValidUntilAfterItIsValidFrom() {
        LocalDate day = LocalDate.of(2026, 1, 1);
        assertThat(DocumentPolicy.validity(day, day)).isEmpty();
        assertThat(DocumentPolicy.validity(null, day)).isEmpty();
        assertThat(DocumentPolicy.validity(day, day.minusDays(1))).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("validTo", "BEFORE_VALID_FROM");
    }

    @Test
    void aDocumentsDetailsAreAFewShortValues() {
        assertThat(DocumentPolicy.details(Map.of("class", "B2"))).isEmpty();
        Map<String, String> many = new HashMap<>();
        IntStream.range(0, 21).forEach(i -> many.put("k" + i, "v"));
        assertThat(DocumentPolicy.details(many)).get().extracting(Refusal::code).isEqualTo("TOO_LARGE");
        assertThat(DocumentPolicy.details(Map.of("k".repeat(51), "v"))).isPresent();
        assertThat(DocumentPolicy.details(Map.of("k", "v".repeat(301)))).isPresent();
        Map<String, String> empty = new HashMap<>();
        empty.put("k", null);
        assertThat(DocumentPolicy.details(empty)).isPresent();
    }

    @Test
    void aNewNameIsAnotherName() {
        Person person = APerson.man().build();
        assertThat(NamePolicy.changes(person, "Nguyễn Văn B")).isEmpty();
        assertThat(NamePolicy.changes(person, person.fullName())).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("fullName", "UNCHANGED");
    }
}
