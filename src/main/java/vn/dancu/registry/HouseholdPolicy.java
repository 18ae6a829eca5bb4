package vn.dancu.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The rules of households (Luật Cư trú 2020, Điều 10): a household has one head, named when it is
 * formed; a head cannot walk away from a household that still has other members.
 */
final class HouseholdPolicy {

    private HouseholdPolicy() {
    }

    /**
     * Whether the person may leave their household. {@code lockAndCountMembers} locks the household
     * and counts its members; it is called only for a head, so other persons cost no query.
     */
    static Optional<Refusal> mayLeave(Person person, IntSupplier lockAndCountMembers) {
        if (person.relationshipToHead() == Relationship.HEAD && person.householdId() != null
                && lockAndCountMembers.getAsInt() > 1) {
            return Optional.of(Refusal.conflict("HEAD_HAS_MEMBERS",
                    "The person heads a household with other members; name a new head for it first"));
        }
        return Optional.empty();
    }

    /** A member joins under any relationship but head: the head is named when the household is formed. */
    static Optional<Refusal> joinsAs(Relationship relationship) {
        if (relationship == Relationship.HEAD) {
            return Optional.of(Refusal.invalid("relationship", "NOT_ALLOWED", "A household has one head; create a new household to change it"));
        }
        return Optional.empty();
    }

    static Optional<Refusal> notMemberYet(Person person, long householdId) {
        if (Objects.equals(person.householdId(), householdId)) {
            return Optional.of(Refusal.conflict("ALREADY_MEMBER", "The person is already a member of this household"));
        }
        return Optional.empty();
    }

    /** A newborn joins as the child of the head when a parent heads the household, else as another relative. */
    static Relationship newbornRelationship(Household household, Person father, Person mother) {
        Long head = household.headPersonId();
        boolean parentIsHead = head != null && ((father != null && head == father.id()) || (mother != null && head == mother.id()));
        return parentIsHead ? Relationship.CHILD : Relationship.OTHER_RELATIVE;
    }
}
