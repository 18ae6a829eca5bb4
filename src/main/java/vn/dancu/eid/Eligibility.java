package vn.dancu.eid;

import java.time.LocalDate;
import java.time.Period;

/**
 * Who may hold which account (Decree 69/2024, DOMAIN.md §5): from 14 both levels; from 6 to 14
 * on request, which is made at the counter; under 6 level 1 only, through a parent. Online
 * self-registration is therefore open from 14.
 */
final class Eligibility {

    static final int SELF_REGISTRATION_AGE = 14;
    static final int LEVEL_2_ON_REQUEST_AGE = 6;

    private Eligibility() {
    }

    static int age(LocalDate dateOfBirth, LocalDate today) {
        return Period.between(dateOfBirth, today).getYears();
    }

    static boolean maySelfRegister(LocalDate dateOfBirth, LocalDate today) {
        return age(dateOfBirth, today) >= SELF_REGISTRATION_AGE;
    }

    static boolean mayHoldLevel2(LocalDate dateOfBirth, LocalDate today) {
        return age(dateOfBirth, today) >= LEVEL_2_ON_REQUEST_AGE;
    }
}
