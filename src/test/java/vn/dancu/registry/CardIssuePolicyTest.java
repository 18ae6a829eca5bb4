package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardIssuePolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    private static Card card(String issued, CardStatus status) {
        return new Card(1, "001090000001", LocalDate.parse(issued), null, "Cục Cảnh sát QLHC về TTXH", status.name());
    }

    @Test
    void aCardIsIssuedBetweenBirthAndToday() {
        Person person = APerson.man().born("1990-01-01").build();
        assertThat(CardIssuePolicy.issuedInLifetime(person, TODAY, TODAY)).isEmpty();
        assertThat(CardIssuePolicy.issuedInLifetime(person, TODAY.plusDays(1), TODAY)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("issueDate", "OUT_OF_RANGE");
        assertThat(CardIssuePolicy.issuedInLifetime(person, LocalDate.of(1989, 12, 31), TODAY)).isPresent();
    }

    @Test
    void aNewCardIsIssuedAfterTheCardInUse() {
        List<Card> cards = List.of(card("2024-07-01", CardStatus.ACTIVE), card("2026-01-01", CardStatus.REPLACED));
        assertThat(CardIssuePolicy.afterCardInUse(cards, LocalDate.of(2024, 7, 2))).isEmpty();
        assertThat(CardIssuePolicy.afterCardInUse(cards, LocalDate.of(2024, 7, 1))).get()
                .extracting(Refusal::code).isEqualTo("NOT_AFTER_CURRENT_CARD");
        assertThat(CardIssuePolicy.afterCardInUse(List.of(), LocalDate.of(2000, 1, 1))).isEmpty();
    }

    @Test
    void cardsAreIssuedToLivingPersonsOnly() {
        assertThat(CardIssuePolicy.holderAlive(APerson.man().build())).isEmpty();
        assertThat(CardIssuePolicy.holderAlive(APerson.man().missing().build())).get()
                .extracting(Refusal::code, Refusal::kind).containsExactly("PERSON_NOT_ALIVE", Refusal.Kind.CONFLICT);
        assertThat(CardIssuePolicy.holderAlive(APerson.man().diedOn("2025-01-01").build())).isPresent();
    }
}
