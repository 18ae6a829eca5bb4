package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarriagePolicyTest {

    private static final LocalDate WEDDING = LocalDate.of(2026, 6, 1);

    private static Optional<Refusal> marrying(APerson first, APerson spouse) {
        return MarriagePolicy.refusal(new MarriagePolicy.Couple(first.build(), spouse.build(), WEDDING));
    }

    @Test
    void aManOf20AndAWomanOf18MayMarry() {
        assertThat(marrying(APerson.man().born("2006-06-01"), APerson.woman().born("2008-06-01"))).isEmpty();
    }

    @Test
    void theLawRegistersTheMarriageOfAManAndAWoman() {
        APerson otherMan = APerson.man().id(3, "001095000003");
        assertThat(marrying(APerson.man(), otherMan)).get().extracting(Refusal::code, Refusal::field)
                .containsExactly("SAME_GENDER", "spousePersonalId");
        assertThat(MarriagePolicy.MAN_AND_WOMAN.check(new MarriagePolicy.Couple(APerson.woman().build(),
                APerson.woman().id(4, "001195000004").build(), WEDDING))).isPresent();
    }

    @Test
    void aManMarriesFrom20NamingTheFieldThatNamesHim() {
        Optional<Refusal> refusal = marrying(APerson.woman(), APerson.man().born("2006-06-02"));
        assertThat(refusal).get().extracting(Refusal::code, Refusal::field, Refusal::message)
                .containsExactly("UNDER_AGE", "spousePersonalId", "A man marries from the age of 20");
    }

    @Test
    void aWomanMarriesFrom18() {
        Optional<Refusal> refusal = marrying(APerson.man(), APerson.woman().born("2008-06-02"));
        assertThat(refusal).get().extracting(Refusal::code, Refusal::field, Refusal::message)
                .containsExactly("UNDER_AGE", "spousePersonalId", "A woman marries from the age of 18");
        assertThat(marrying(APerson.woman().born("2008-06-02"), APerson.man())).get().extracting(Refusal::field)
                .isEqualTo("personalId");
    }

    @Test
    void parentAndChildMayNotMarry() {
        APerson daughter = APerson.woman().born("2000-01-01").childOf(1L, null);
        assertThat(marrying(APerson.man().born("1970-01-01"), daughter)).get().extracting(Refusal::code, Refusal::kind)
                .containsExactly("CLOSE_RELATIVES", Refusal.Kind.CONFLICT);
    }

    @Test
    void brotherAndSisterMayNotMarryEvenByOneParent() {
        APerson brother = APerson.man().childOf(null, 9L);
        APerson halfSister = APerson.woman().childOf(8L, 9L);
        assertThat(marrying(brother, halfSister)).get().extracting(Refusal::code).isEqualTo("CLOSE_RELATIVES");
        assertThat(marrying(APerson.man().childOf(7L, null), APerson.woman().childOf(8L, 9L))).isEmpty();
    }

    @Test
    void aDeceasedPersonDoesNotMarry() {
        assertThat(marrying(APerson.man(), APerson.woman().diedOn("2025-01-01"))).get()
                .extracting(Refusal::code, Refusal::message).containsExactly("PERSON_DECEASED", "The person 001190000002 is deceased");
    }

    @Test
    void aMarriedPersonDoesNotMarryAgain() {
        assertThat(marrying(APerson.man().married(), APerson.woman())).get()
                .extracting(Refusal::code, Refusal::message).containsExactly("ALREADY_MARRIED", "The person 001090000001 is married");
    }

    @Test
    void theManIsCheckedBeforeTheWoman() {
        assertThat(marrying(APerson.man().married(), APerson.woman().diedOn("2025-01-01"))).get()
                .extracting(Refusal::code).isEqualTo("ALREADY_MARRIED");
    }

    @Test
    void theFirstRuleInForceAnswers() {
        assertThat(MarriagePolicy.allCurrentPolicies()).containsExactly(MarriagePolicy.MAN_AND_WOMAN, MarriagePolicy.OF_AGE,
                MarriagePolicy.NOT_CLOSE_RELATIVES, MarriagePolicy.BOTH_FREE);
        APerson youngMan = APerson.man().id(3, "001006000003").born("2010-01-01");
        assertThat(marrying(APerson.man(), youngMan)).get().extracting(Refusal::code).isEqualTo("SAME_GENDER");
    }

    @Test
    void aMarriageIsRegisteredByToday() {
        assertThat(MarriagePolicy.registeredByToday(WEDDING, WEDDING)).isEmpty();
        assertThat(MarriagePolicy.registeredByToday(WEDDING.plusDays(1), WEDDING)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("date", "IN_FUTURE");
    }

    @Test
    void nobodyMarriesThemselves() {
        Person man = APerson.man().build();
        assertThat(MarriagePolicy.twoPersons(man, man)).get().extracting(Refusal::code).isEqualTo("SAME_PERSON");
        assertThat(MarriagePolicy.twoPersons(man, APerson.woman().build())).isEmpty();
        assertThat(MarriagePolicy.twoPersons(man, null)).isEmpty();
    }
}
