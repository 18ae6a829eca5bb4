package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class HouseholdPolicyTest {

    private static final IntSupplier NOT_ASKED = () -> {
        throw new AssertionError("only a head's household is counted");
    };

    @Test
    void aHeadWithOtherMembersCannotLeave() {
        Person head = APerson.man().inHousehold(5, Relationship.HEAD).build();
        assertThat(HouseholdPolicy.mayLeave(head, () -> 3)).get()
                .extracting(Refusal::code, Refusal::kind).containsExactly("HEAD_HAS_MEMBERS", Refusal.Kind.CONFLICT);
    }

    @Test
    void aHeadAloneMayLeave() {
        Person head = APerson.man().inHousehold(5, Relationship.HEAD).build();
        assertThat(HouseholdPolicy.mayLeave(head, () -> 1)).isEmpty();
    }

    @Test
    void aMemberOrAPersonWithoutHouseholdLeavesWithoutCounting() {
        assertThat(HouseholdPolicy.mayLeave(APerson.man().inHousehold(5, Relationship.CHILD).build(), NOT_ASKED)).isEmpty();
        assertThat(HouseholdPolicy.mayLeave(APerson.man().build(), NOT_ASKED)).isEmpty();
    }

    @Test
    void aHouseholdHasOneHeadNamedWhenItIsFormed() {
        assertThat(HouseholdPolicy.joinsAs(Relationship.HEAD)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("relationship", "NOT_ALLOWED");
        assertThat(HouseholdPolicy.joinsAs(Relationship.SPOUSE)).isEmpty();
    }

    @Test
    void aMemberJoinsOnce() {
        Person member = APerson.woman().inHousehold(5, Relationship.SPOUSE).build();
        assertThat(HouseholdPolicy.notMemberYet(member, 5)).get().extracting(Refusal::code).isEqualTo("ALREADY_MEMBER");
        assertThat(HouseholdPolicy.notMemberYet(member, 6)).isEmpty();
    }

    @Test
    void aNewbornIsTheHeadsChildWhenAParentHeadsTheHousehold() {
        Person father = APerson.man().build();
        Person mother = APerson.woman().build();
        assertThat(HouseholdPolicy.newbornRelationship(new Household(5, father.id(), 1, "Số 1", List.of()), father, mother))
                .isEqualTo(Relationship.CHILD);
        assertThat(HouseholdPolicy.newbornRelationship(new Household(5, mother.id(), 1, "Số 1", List.of()), null, mother))
                .isEqualTo(Relationship.CHILD);
        assertThat(HouseholdPolicy.newbornRelationship(new Household(5, 99L, 1, "Số 1", List.of()), father, mother))
                .isEqualTo(Relationship.OTHER_RELATIVE);
        assertThat(HouseholdPolicy.newbornRelationship(new Household(5, null, 1, "Số 1", List.of()), father, null))
                .isEqualTo(Relationship.OTHER_RELATIVE);
    }

    @Test
    void aDeceasedPersonDoesNotChangeHousehold() {
        assertThat(AlivePolicy.alive(APerson.man().build())).isEmpty();
        assertThat(AlivePolicy.alive(APerson.man().diedOn("2025-01-01").build())).get()
                .extracting(Refusal::code).isEqualTo("PERSON_DECEASED");
        assertThat(AlivePolicy.alive(APerson.man().missing().build())).isEmpty();
    }
}
