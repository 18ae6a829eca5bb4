package vn.dancu.registry;

import java.util.Optional;

/** Most changes apply to the living only: a deceased person's record keeps the state it had at death. */
final class AlivePolicy {

    private AlivePolicy() {
    }

    static Optional<Refusal> alive(Person person) {
        return person.isDeceased()
                ? Optional.of(Refusal.conflict("PERSON_DECEASED", "The person " + person.personalId() + " is deceased"))
                : Optional.empty();
    }
}
