package vn.dancu.registry;

import java.util.Optional;

/** The rule of a change of name (Luật Hộ tịch 2014, Điều 26-28) beyond the name's own form ({@link PersonRules#name}). */
final class NamePolicy {

    private NamePolicy() {
    }

    /** A change of name gives a name other than the current one. */
    static Optional<Refusal> changes(Person person, String fullName) {
        if (fullName.equals(person.fullName())) {
            return Optional.of(Refusal.invalid("fullName", "UNCHANGED", "The new name is the current name"));
        }
        return Optional.empty();
    }
}
