package vn.dancu.eid;

import vn.dancu.platform.Totp;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.PasswordPolicy;

class EidRulesTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void totpMatchesTheRfc6238Vectors() {
        assertThat(Totp.code(RFC_SECRET, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, 2000000000L / 30)).isEqualTo("279037");
    }

    @Test
    void totpAcceptsOneStepOfDriftAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = now.getEpochSecond() / 30;
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now)).isEmpty();
        assertThat(Totp.verify(RFC_SECRET, "12345", now)).isEmpty();
        assertThat(Totp.verify(RFC_SECRET, null, now)).isEmpty();
    }

    @Test
    void base32RoundTripsAndTheUriCarriesTheKey() {
        byte[] secret = Totp.newSecret();
        assertThat(Totp.fromBase32(Totp.base32(secret))).isEqualTo(secret);
        assertThat(Totp.uri(secret, "citizen")).startsWith("otpauth://totp/dancu:citizen?secret=" + Totp.base32(secret));
    }

    @Test
    void passwordsFollowNistRatherThanCompositionRules() {
        LocalDate dob = LocalDate.of(1990, 3, 14);
        assertThat(problems("ngày mai trời lại sáng", "001090123456", dob)).isEmpty();
        assertThat(problems("short", "001090123456", dob)).containsExactly("password:PASSWORD_TOO_SHORT");
        assertThat(problems("1234567890", "001090123456", dob)).containsExactly("password:PASSWORD_TOO_COMMON");
        assertThat(problems("aaaaaaaaaaaa", "001090123456", dob)).containsExactly("password:PASSWORD_TOO_COMMON");
        assertThat(problems("xx14031990yy", "001090123456", dob)).containsExactly("password:PASSWORD_PERSONAL");
        assertThat(problems("abc123456zzz", "001090123456", dob)).containsExactly("password:PASSWORD_PERSONAL");
        assertThat(problems("x".repeat(129), "001090123456", dob)).containsExactly("password:PASSWORD_TOO_LONG");
    }

    private static List<String> problems(String password, String personalId, LocalDate dob) {
        FieldErrors errors = new FieldErrors();
        PasswordPolicy.check(errors, "password", password, password, personalId, dob);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (vn.dancu.platform.ApiProblem problem) {
            return problem.errors().stream().map(e -> e.field() + ":" + e.code()).toList();
        }
    }

    @Test
    void onlineRegistrationFromFourteenLevelTwoFromSix() {
        LocalDate today = LocalDate.of(2026, 11, 27);
        assertThat(Eligibility.maySelfRegister(LocalDate.of(2012, 11, 27), today)).isTrue();
        assertThat(Eligibility.maySelfRegister(LocalDate.of(2012, 11, 28), today)).isFalse();
        assertThat(Eligibility.mayHoldLevel2(LocalDate.of(2020, 11, 27), today)).isTrue();
        assertThat(Eligibility.mayHoldLevel2(LocalDate.of(2021, 1, 1), today)).isFalse();
    }

    @Test
    void phonesAreNormalisedToTenDigits() {
        FieldErrors errors = new FieldErrors();
        assertThat(Phones.normalize(errors, "phone", "+84 912 345 678")).isEqualTo("0912345678");
        assertThat(Phones.normalize(errors, "phone", "0912.345.678")).isEqualTo("0912345678");
        assertThat(errors.isEmpty()).isTrue();
        assertThat(Phones.normalize(errors, "phone", "0212345678")).isNull();
        assertThat(errors.has("phone")).isTrue();
    }

    @Test
    void theLevelARelyingPartyNeedsIsTheWeakestItAskedForAndMayAskFor() {
        RelyingParty both = party(List.of("urn:dancu:loa:1", "urn:dancu:loa:2"));
        RelyingParty onlyTwo = party(List.of("urn:dancu:loa:2"));
        RelyingParty unregistered = party(List.of());
        assertThat(AuthorizationServerConfiguration.requiredLoa(both, null)).isEqualTo(1);
        assertThat(AuthorizationServerConfiguration.requiredLoa(both, "urn:dancu:loa:2")).isEqualTo(2);
        assertThat(AuthorizationServerConfiguration.requiredLoa(both, "urn:dancu:loa:2 urn:dancu:loa:1")).isEqualTo(1);
        assertThat(AuthorizationServerConfiguration.requiredLoa(onlyTwo, "urn:dancu:loa:1")).isEqualTo(2);
        assertThat(AuthorizationServerConfiguration.requiredLoa(unregistered, "urn:dancu:loa:2")).isEqualTo(1);
        assertThat(AuthorizationServerConfiguration.requiredLoa(both, "urn:other:gold")).isEqualTo(1);
    }

    private static RelyingParty party(List<String> acr) {
        return new RelyingParty("id", "rp", "RP", RelyingParty.Kind.RELYING_PARTY, false, List.of(), null, null, List.of(),
                List.of(), List.of("openid"), List.of(), acr, "purpose", "sector", "ACTIVE", Instant.EPOCH, Instant.EPOCH, 0, null);
    }

    @Test
    void clientSecretsCompareByDigest() {
        ClientSecrets secrets = new ClientSecrets();
        String secret = ClientSecrets.generate();
        assertThat(secrets.matches(secret, secrets.encode(secret))).isTrue();
        assertThat(secrets.matches(secret + "x", secrets.encode(secret))).isFalse();
        assertThat(secrets.matches(null, secrets.encode(secret))).isFalse();
    }
}
