package vn.dancu.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Chip images made by a test CSCA for generated holders: the genuine one passes, every forgery is refused with its code. */
class ChipInspectionTest {

    static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    static final CscaAuthority AUTHORITY = CscaAuthority.generate(NOW.minus(Duration.ofDays(30)));
    static final ChipMaker MAKER = new ChipMaker(AUTHORITY);
    static final CscaTrust TRUST = CscaTrust.of(AUTHORITY.csca().certificate())
            .withCrl(1, AUTHORITY.crl(NOW.minus(Duration.ofDays(1)), Duration.ofDays(30)));

    static Dg13Data holder(String personalId, String legacyId) {
        return new Dg13Data(personalId, "Nguyễn Văn An", "15/03/1975", "Nam", "Việt Nam", "Kinh", "Không",
                "Xã Yên Sở, Hoài Đức, Hà Nội", "12 Ngõ 5 Phố Kim Mã, Phường Ba Đình, Hà Nội", "Nốt ruồi cách 2cm dưới mép trái",
                "10/05/2021", "15/03/2035", "Nguyễn Văn Bình", "Lê Thị Hoa", null, legacyId);
    }

    static final Dg13Data AN = holder("001075503799", "012345678");

    @Test
    void aGenuineChipImagePassesEveryCheckAndReadsBack() {
        ChipMaker.Made made = MAKER.make(AN, ChipVariant.VALID, NOW);
        byte[] challenge = {1, 2, 3, 4, 5, 6, 7, 8};
        ChipInspection.Report report = ChipInspection.inspect(made.image(), TRUST, NOW,
                new ChipInspection.Challenge(challenge, made.answer(challenge)), true);
        assertThat(report.failures()).isEmpty();
        assertThat(report.passive().revocation()).isEqualTo(PassiveAuthentication.Revocation.NOT_REVOKED);
        assertThat(report.mrz().text()).startsWith("IDVNM075503799");
        assertThat(report.mrz().personalId()).isEqualTo("001075503799");
        assertThat(report.mrz().name()).isEqualTo("NGUYEN, VAN AN");
        assertThat(report.dg13()).isEqualTo(AN);
        assertThat(report.face().mimeType()).isEqualTo("image/jpeg");
        assertThat(report.activeAuthentication()).isEqualTo("VERIFIED");
        assertThat(report.chipAuthentication().status()).isEqualTo("KEY_AUTHENTICATED_PROTOCOL_NOT_VERIFIED");
    }

    @ParameterizedTest
    @EnumSource(value = ChipVariant.class, names = {"DG13_BYTE_CHANGED", "DG_HASH_MISMATCH", "UNTRUSTED_DSC", "EXPIRED_DSC",
            "REVOKED_DSC", "MRZ_CHECK_DIGIT"})
    void everyForgeryIsRefusedWithItsCode(ChipVariant variant) {
        ChipInspection.Report report = ChipInspection.inspect(MAKER.make(AN, variant, NOW).image(), TRUST, NOW, null, true);
        // a wrong check digit of the date of birth also breaks the composite check digit: two failures, one code
        assertThat(report.failures()).isNotEmpty().extracting(ChipFailure::code).containsOnly(variant.expected);
    }

    @Test
    void aChangedDg13IsNamedAsTheGroupWhoseHashDiffers() {
        ChipInspection.Report report = ChipInspection.inspect(MAKER.make(AN, ChipVariant.DG13_BYTE_CHANGED, NOW).image(), TRUST, NOW, null, true);
        assertThat(report.failures().getFirst().field()).isEqualTo("dg13");
    }

    @Test
    void namesThatDifferFromTheRegistryAreStillAuthenticCardData() {
        ChipInspection.Report report = ChipInspection.inspect(MAKER.make(AN, ChipVariant.DG13_NAMES_DIFFER, NOW).image(), TRUST, NOW, null, true);
        assertThat(report.failures()).isEmpty();
        assertThat(report.dg13().fullName()).isEqualTo("Trần Thị Khác");
    }

    @Test
    void aStaleRevocationListClearsNoOne() {
        CscaTrust stale = CscaTrust.of(AUTHORITY.csca().certificate())
                .withCrl(1, AUTHORITY.crl(NOW.minus(Duration.ofDays(40)), Duration.ofDays(30)));
        assertThat(ChipInspection.inspect(MAKER.make(AN, ChipVariant.VALID, NOW).image(), stale, NOW, null, true).failures())
                .extracting(ChipFailure::code).containsExactly(ChipCode.CRL_STALE);
        assertThat(ChipInspection.inspect(MAKER.make(AN, ChipVariant.REVOKED_DSC, NOW).image(), stale, NOW, null, true).failures())
                .extracting(ChipFailure::code).containsExactly(ChipCode.DSC_REVOKED);
    }

    @Test
    void theTestCsasRevocationListIsIssuedAndSignedByIt() throws Exception {
        java.security.cert.X509CRL crl = AUTHORITY.crl(NOW, Duration.ofDays(30));
        assertThat(crl.getIssuerX500Principal()).isEqualTo(AUTHORITY.csca().certificate().getSubjectX500Principal());
        crl.verify(AUTHORITY.csca().certificate().getPublicKey());
        java.security.cert.X509CRL reread = TrustStore.parseCrl(TrustStore.crlDer(crl));
        reread.verify(AUTHORITY.csca().certificate().getPublicKey());
    }

    @Test
    void withoutARevocationListTheCheckSaysSo() {
        ChipInspection.Report report = ChipInspection.inspect(MAKER.make(AN, ChipVariant.VALID, NOW).image(),
                CscaTrust.of(AUTHORITY.csca().certificate()), NOW, null, true);
        assertThat(report.failures()).isEmpty();
        assertThat(report.passive().revocation()).isEqualTo(PassiveAuthentication.Revocation.NO_CRL);
    }

    @Test
    void aWrongActiveAuthenticationAnswerFails() {
        ChipMaker.Made made = MAKER.make(AN, ChipVariant.VALID, NOW);
        byte[] challenge = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] answer = made.answer(new byte[] {8, 7, 6, 5, 4, 3, 2, 1});
        assertThat(ChipInspection.inspect(made.image(), TRUST, NOW, new ChipInspection.Challenge(challenge, answer), true).failures())
                .extracting(ChipFailure::code).containsExactly(ChipCode.AA_FAILED);
        assertThat(ChipInspection.inspect(made.image(), TRUST, NOW, new ChipInspection.Challenge(new byte[3], answer), true).failures())
                .extracting(ChipFailure::code).containsExactly(ChipCode.AA_CHALLENGE_INVALID);
    }

    @Test
    void theOldNumberIsReadFromField15Or16AndUnknownFieldsAreSkipped() {
        Dg13Data other = holder("030178862050", "123456789");
        assertThat(Dg13Data.read(other.encode(15)).legacyId()).isEqualTo("123456789");
        assertThat(Dg13Data.read(other.encode(16)).legacyId()).isEqualTo("123456789");
        assertThat(Dg13Data.read(other.encode(42)).legacyId()).isNull();
    }

    @Test
    void checkDigitsFollowIcao9303() {
        // ICAO 9303 part 3, appendix A: the specimen's document number and dates
        assertThat(Dg1Mrz.checkDigit("D23145890")).isEqualTo(7);
        assertThat(Dg1Mrz.checkDigit("740812")).isEqualTo(2);
        assertThat(Dg1Mrz.checkDigit("120415")).isEqualTo(9);
    }

    @Test
    void malformedGroupsAreRefusedWithTheirCodesNeverAnError() {
        ChipImage genuine = MAKER.make(AN, ChipVariant.VALID, NOW).image();
        byte[] cut = Arrays.copyOf(genuine.sod(), genuine.sod().length / 2);
        assertThatThrownBy(() -> ChipInspection.inspect(new ChipImage(cut, genuine.dg1(), null, genuine.dg13(), null, null), TRUST, NOW, null, true))
                .isInstanceOfSatisfying(ChipMalformed.class, e -> assertThat(e.failure().code()).isEqualTo(ChipCode.SOD_MALFORMED));
        byte[] garbage = {0x77, 0x03, 0x30, 0x01, 0x00};
        assertThatThrownBy(() -> ChipInspection.inspect(new ChipImage(garbage, genuine.dg1(), null, genuine.dg13(), null, null), TRUST, NOW, null, true))
                .isInstanceOfSatisfying(ChipMalformed.class, e -> assertThat(e.failure().code()).isEqualTo(ChipCode.SOD_MALFORMED));
        assertThatThrownBy(() -> Dg13Data.read(new byte[] {0x6D, 0x02, 0x30, 0x00}))
                .isInstanceOfSatisfying(ChipMalformed.class, e -> assertThat(e.failure().code()).isEqualTo(ChipCode.DG13_MALFORMED));
        assertThatThrownBy(() -> Dg13Data.read(new byte[] {0x6D, 0x05, 0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOfSatisfying(ChipMalformed.class, e -> assertThat(e.failure().code()).isEqualTo(ChipCode.DG13_MALFORMED));
        assertThatThrownBy(() -> Dg1Mrz.read(new byte[] {0x61, 0x04, 0x5F, 0x1F, 0x01, 0x41}))
                .isInstanceOfSatisfying(ChipMalformed.class, e -> assertThat(e.failure().code()).isEqualTo(ChipCode.DG1_MALFORMED));
        assertThatThrownBy(() -> Dg2Face.read(new byte[] {0x75, 0x01, 0x00}))
                .isInstanceOfSatisfying(ChipMalformed.class, e -> assertThat(e.failure().code()).isEqualTo(ChipCode.DG2_MALFORMED));
    }

    @Test
    void randomBytesInEveryGroupNeverEscapeAsAnUnexpectedException() {
        java.util.Random random = new java.util.Random(15);
        ChipImage genuine = MAKER.make(AN, ChipVariant.VALID, NOW).image();
        for (int i = 0; i < 300; i++) {
            byte[] sod = genuine.sod().clone();
            sod[random.nextInt(sod.length)] ^= (byte) (1 + random.nextInt(255));
            try {
                ChipInspection.inspect(new ChipImage(sod, genuine.dg1(), genuine.dg2(), genuine.dg13(), genuine.dg14(), genuine.dg15()),
                        TRUST, NOW, null, true);
            } catch (ChipMalformed expected) {
                assertThat(expected.failure().code().malformed).isTrue();
            }
        }
    }
}
