package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The rules of issuing an identity card (Luật Căn cước 2023): to a living person, dated between
 * their birth and today, after the card in use. How long it is valid: {@link CardValidityPolicy}.
 */
final class CardIssuePolicy {

    private CardIssuePolicy() {
    }

    static Optional<Refusal> issuedInLifetime(Person person, LocalDate issued, LocalDate today) {
        if (issued.isAfter(today) || issued.isBefore(person.dateOfBirth())) {
            return Optional.of(Refusal.invalid("issueDate", "OUT_OF_RANGE", "The issue date must lie between birth and today"));
        }
        return Optional.empty();
    }

    /** Earlier cards are not recorded here: a new card is issued after the active one. */
    static Optional<Refusal> afterCardInUse(List<Card> cards, LocalDate issued) {
        boolean olderThanCurrent = cards.stream()
                .anyMatch(c -> CardStatus.ACTIVE.name().equals(c.status()) && !c.issueDate().isBefore(issued));
        if (olderThanCurrent) {
            return Optional.of(Refusal.invalid("issueDate", "NOT_AFTER_CURRENT_CARD",
                    "A new card is issued after the card in use; earlier cards are not recorded here"));
        }
        return Optional.empty();
    }

    static Optional<Refusal> holderAlive(Person person) {
        if (person.status() != PersonStatus.ALIVE) {
            return Optional.of(Refusal.conflict("PERSON_NOT_ALIVE", "Cards are issued to living persons only"));
        }
        return Optional.empty();
    }
}
