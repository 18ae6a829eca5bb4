package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared password rules: the shipped breached list, the staff length and personal words. */
class PasswordPolicyTest {

    @Test
    void theShippedBreachedListIsLoadedOnceWithItsHundredThousandPasswords() {
        assertThat(PasswordPolicy.breachedCount()).isGreaterThanOrEqualTo(100_000);
        assertThat(PasswordPolicy.breached("qwertyuiop123")).isTrue();
        assertThat(PasswordPolicy.breached("QwertyUIOP123")).as("without case").isTrue();
        assertThat(PasswordPolicy.breached("anhyeuem123")).as("a Vietnamese favourite the list misses").isTrue();
        assertThat(PasswordPolicy.breached("# The 100,000 most common passwords of 10 characters or more, lower-cased, most common first."))
                .as("the header is no password").isFalse();
        assertThat(PasswordPolicy.breached("Phố cổ Hà Nội mùa thu 2026")).isFalse();
        assertThat(PasswordPolicy.breached(null)).isFalse();
    }

    @Test
    void staffPasswordsAreLongerAndDoNotContainTheUsername() {
        assertThat(problems("elevenchars", List.of("can.bo"))).containsExactly("password:PASSWORD_TOO_SHORT");
        assertThat(problems("password1234", List.of("can.bo"))).containsExactly("password:PASSWORD_TOO_COMMON");
        assertThat(problems("xx-Can.Bo-thang-12", List.of("can.bo"))).containsExactly("password:PASSWORD_PERSONAL");
        assertThat(problems("Sông Hồng chảy mãi 2026", List.of("can.bo"))).isEmpty();
    }

    private static List<String> problems(String password, List<String> personal) {
        FieldErrors errors = new FieldErrors();
        PasswordPolicy.check(errors, "password", password, null, PasswordPolicy.STAFF_MIN_LENGTH, personal);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (ApiProblem problem) {
            return problem.errors().stream().map(e -> e.field() + ":" + e.code()).toList();
        }
    }
}
