package vn.dancu.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dancu.credentials.PresentationVerifier.Expectation;
import vn.dancu.credentials.PresentationVerifier.Outcome;

/**
 * The verifier's rules on hand-made presentations: what it accepts, and each way a presentation is
 * refused with its reason. The same rules run in the browser (CredentialBrowserTest runs vectors there).
 */
class SdJwtVerificationTest {

    static final String ISSUER = "https://dancu.example";
    static final String STATUS = ISSUER + "/credentials/status/1";
    static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");

    final ECKey issuerKey = SdJwtVectors.newKey("2026-12-05-test");
    final ECKey holder = SdJwtVectors.newKey(null);
    final StatusBits statusList = StatusBits.empty(1, 1024);

    PresentationVerifier verifier(Instant at) {
        return new PresentationVerifier(ISSUER, new JWKSet(issuerKey.toPublicJWK()),
                uri -> uri.equals(STATUS) ? Optional.of(statusList) : Optional.empty(), Clock.fixed(at, ZoneOffset.UTC));
    }

    SdJwtVc.Issued credential(ECKey holderKey, int statusIndex) {
        return SdJwtVc.issue(issuerKey, new SdJwtVc.Envelope(ISSUER, ISSUER + "/credentials/types/id_card", NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(30)), holderKey, STATUS, statusIndex), SdJwtVc.withAgeClaims(SdJwtVectors.AN,
                LocalDate.of(2026, 12, 5)));
    }

    PresentationVerifier.Verdict verify(String presentation) {
        return verifier(NOW).verify(presentation, Expectation.OFFLINE);
    }

    @Test
    void aBoundCredentialShowsOnlyTheTickedClaimsAndIsValid() {
        String presentation = SdJwtVectors.present(credential(holder, 7), List.of("full_name", "age_over_18"), holder, "offline", NOW);
        PresentationVerifier.Verdict verdict = verify(presentation);
        assertThat(verdict.outcome()).as(verdict.reasons().toString()).isEqualTo(Outcome.VALID);
        assertThat(verdict.disclosed()).containsOnly(Map.entry("full_name", "Nguyễn Văn An"), Map.entry("age_over_18", true));
        assertThat(verdict.bound()).isTrue();
        assertThat(verdict.presentedAt()).isEqualTo(NOW);
    }

    @Test
    void theAgeClaimsAreComputedOnTheDayOfIssuance() {
        assertThat(SdJwtVc.withAgeClaims(Map.of("birthdate", "2008-12-06"), LocalDate.of(2026, 12, 5)))
                .containsEntry("age_over_16", true).containsEntry("age_over_18", false).containsEntry("age_over_65", false);
        assertThat(SdJwtVc.withAgeClaims(Map.of("birthdate", "2008-12-05"), LocalDate.of(2026, 12, 5))).containsEntry("age_over_18", true);
        assertThat(SdJwtVc.withAgeClaims(Map.of("document_number", "X"), LocalDate.of(2026, 12, 5))).doesNotContainKey("age_over_18");
    }

    @Test
    void anUnboundCredentialIsPresentedWithoutKeyBindingAndSaysNotBound() {
        String presentation = SdJwtVectors.present(credential(null, 7), List.of("full_name"), null, null, NOW);
        PresentationVerifier.Verdict verdict = verify(presentation);
        assertThat(verdict.outcome()).isEqualTo(Outcome.NOT_BOUND);
        assertThat(verdict.disclosed()).containsOnlyKeys("full_name");
    }

    @Test
    void aDisclosureAddedFromAnotherCredentialIsRefused() {
        SdJwtVc.Issued mine = credential(null, 7);
        SdJwtVc.Issued other = credential(null, 8);
        String presentation = SdJwtVectors.present(mine, List.of("full_name"), null, null, NOW) + other.disclosures().get("address") + "~";
        PresentationVerifier.Verdict verdict = verify(presentation);
        assertThat(verdict.outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verdict.reasons()).contains("DISCLOSURE_NOT_SIGNED");
        assertThat(verdict.disclosed()).as("nothing is shown from a tampered presentation").isEmpty();
    }

    @Test
    void anAlteredDisclosureIsRefused() {
        SdJwtVc.Issued credential = credential(null, 7);
        String presentation = SdJwtVectors.present(credential, List.of("age_over_18"), null, null, NOW)
                .replace(credential.disclosures().get("age_over_18"), SdJwtVectors.forged("age_over_18", true));
        assertThat(verify(presentation).reasons()).contains("DISCLOSURE_NOT_SIGNED");
    }

    @Test
    void aDisclosureRemovedAfterTheHolderSignedIsRefusedButLeftOutBeforeIsSelectiveDisclosure() {
        SdJwtVc.Issued credential = credential(holder, 7);
        String both = SdJwtVectors.present(credential, List.of("full_name", "address"), holder, "offline", NOW);
        String removed = both.replace(credential.disclosures().get("address") + "~", "");
        assertThat(verify(removed).reasons()).containsExactly("KEY_BINDING_SD_HASH");
        assertThat(verify(SdJwtVectors.present(credential, List.of("full_name"), holder, "offline", NOW)).outcome()).isEqualTo(Outcome.VALID);
    }

    @Test
    void aKeyBindingSignedByAnotherKeyIsRefused() {
        String presentation = SdJwtVectors.present(credential(holder, 7), List.of("full_name"), SdJwtVectors.newKey(null), "offline", NOW);
        assertThat(verify(presentation).reasons()).containsExactly("KEY_BINDING_SIGNATURE_INVALID");
    }

    @Test
    void aBoundCredentialWithoutKeyBindingIsACopyAndRefused() {
        String presentation = SdJwtVectors.present(credential(holder, 7), List.of("full_name"), null, null, NOW);
        assertThat(verify(presentation).reasons()).containsExactly("KEY_BINDING_MISSING");
    }

    @Test
    void aPresentationOlderThanTenMinutesOrForAnotherVerifierIsRefused() {
        SdJwtVc.Issued credential = credential(holder, 7);
        String old = SdJwtVectors.present(credential, List.of("full_name"), holder, "offline", NOW.minus(Duration.ofMinutes(11)));
        assertThat(verify(old).reasons()).containsExactly("KEY_BINDING_STALE");
        String elsewhere = SdJwtVectors.present(credential, List.of("full_name"), holder, "https://bank.example", NOW);
        assertThat(verify(elsewhere).reasons()).containsExactly("KEY_BINDING_AUDIENCE");
        assertThat(verifier(NOW).verify(elsewhere, new Expectation("https://bank.example", "n-" + NOW.getEpochSecond())).outcome())
                .isEqualTo(Outcome.VALID);
        assertThat(verifier(NOW).verify(elsewhere, new Expectation("https://bank.example", "another")).reasons())
                .containsExactly("KEY_BINDING_NONCE");
    }

    @Test
    void aRevokedCredentialIsReportedRevoked() {
        statusList.set(9, StatusBits.INVALID);
        String presentation = SdJwtVectors.present(credential(holder, 9), List.of("full_name"), holder, "offline", NOW);
        PresentationVerifier.Verdict verdict = verify(presentation);
        assertThat(verdict.outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(verdict.disclosed()).as("a revoked credential still shows what it says").containsOnlyKeys("full_name");
    }

    @Test
    void anExpiredCredentialIsReportedExpired() {
        String presentation = SdJwtVectors.present(credential(null, 7), List.of("full_name"), null, null, NOW);
        assertThat(verifier(NOW.plus(Duration.ofDays(31))).verify(presentation, Expectation.OFFLINE).outcome()).isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void aTamperedIssuerSignatureOrAnotherIssuersKeyIsRefused() {
        String presentation = SdJwtVectors.present(credential(null, 7), List.of("full_name"), null, null, NOW);
        String jwt = presentation.substring(0, presentation.indexOf('~'));
        String[] parts = jwt.split("\\.");
        char last = parts[2].charAt(10);
        String flipped = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertThat(verify(presentation.replace(jwt, flipped)).reasons()).contains("ISSUER_SIGNATURE_INVALID");

        ECKey stranger = SdJwtVectors.newKey("2026-12-05-test");
        SdJwtVc.Issued forged = SdJwtVc.issue(stranger, new SdJwtVc.Envelope(ISSUER, ISSUER + "/credentials/types/id_card", NOW,
                NOW.plusSeconds(600), null, STATUS, 7), SdJwtVectors.AN);
        assertThat(verify(SdJwtVectors.present(forged, List.of("full_name"), null, null, NOW)).reasons())
                .contains("ISSUER_SIGNATURE_INVALID");
    }

    @Test
    void aStatusListNobodyFetchedLeavesTheStatusUnknown() {
        PresentationVerifier blind = new PresentationVerifier(ISSUER, new JWKSet(issuerKey.toPublicJWK()), uri -> Optional.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String presentation = SdJwtVectors.present(credential(holder, 7), List.of("full_name"), holder, "offline", NOW);
        assertThat(blind.verify(presentation, Expectation.OFFLINE).outcome()).isEqualTo(Outcome.STATUS_UNKNOWN);
    }

    @Test
    void somethingThatIsNoPresentationIsMalformed() {
        for (String junk : new String[]{"", "hello", "a.b~", "<script>~", "x".repeat(70_000) + "~"}) {
            assertThatThrownBy(() -> verify(junk)).as(junk.length() > 20 ? "long" : junk).isInstanceOf(PresentationVerifier.Malformed.class);
        }
        assertThatThrownBy(() -> verify("e30.e30.e30~")).isInstanceOf(PresentationVerifier.Malformed.class);
    }

    @Test
    void aStatusListSurvivesCompressionAndKeepsEachBitInItsPlace() {
        StatusBits one = StatusBits.empty(1, StatusLists.SIZE);
        for (int index : new int[]{0, 1, 7, 8, 12_345, StatusLists.SIZE - 1}) {
            one.set(index, StatusBits.INVALID);
        }
        StatusBits read = StatusBits.parse(1, one.lst(), StatusLists.SIZE / 8);
        assertThat(read.get(0)).isEqualTo(1);
        assertThat(read.get(2)).isZero();
        assertThat(read.get(12_345)).isEqualTo(1);
        assertThat(read.get(StatusLists.SIZE - 1)).isEqualTo(1);
        assertThat(read.bytes()[0]).as("index 0 is the least significant bit").isEqualTo((byte) 0b1000_0011);
        assertThat(one.lst().length()).as("a sparse list of 2^20 entries compresses to little").isLessThan(600);

        StatusBits two = StatusBits.empty(2, 16);
        two.set(3, 2);
        two.set(4, 1);
        assertThat(StatusBits.parse(2, two.lst(), 100).get(3)).isEqualTo(2);
        assertThat(two.bytes()[0]).isEqualTo((byte) 0b1000_0000);
        assertThat(two.bytes()[1]).isEqualTo((byte) 0b0000_0001);
        assertThatThrownBy(() -> StatusBits.parse(1, one.lst(), 1000)).hasMessageContaining("larger");
        assertThatThrownBy(() -> StatusBits.parse(1, "bm90IHpsaWI", 1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
