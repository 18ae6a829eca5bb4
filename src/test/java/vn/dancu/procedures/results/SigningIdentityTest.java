package vn.dancu.procedures.results;

import vn.dancu.procedures.Agency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningIdentityTest {

    private final SigningIdentity root = SigningIdentity.generateRoot(Results.NOW);

    @Test
    void theRootIsASelfSignedAuthorityForTwentyYears() throws Exception {
        X509Certificate cert = root.cert();

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=dancu Root CA (development),O=dancu,C=VN");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        cert.verify(cert.getPublicKey());
        assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2045-07-01T03:00:00Z"));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(root.chain()).containsExactly(cert);
    }

    @Test
    void anAgencyCertificateIsIssuedByTheRootForSigningOnly() throws Exception {
        SigningIdentity police = SigningIdentity.generate("POLICE", root, Results.NOW);
        X509Certificate cert = police.cert();

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Bộ Công an,OU=POLICE,O=dancu,C=VN");
        assertThat(police.commonName()).isEqualTo("Bộ Công an");
        cert.verify(root.cert().getPublicKey());
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getKeyUsage()).startsWith(true, true, false, false, false, false);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2030-07-01T03:00:00Z"));
        assertThat(police.chain()).containsExactly(cert, root.cert());
        assertThat(AgencyCertificates.agencyOf(cert, root.cert(), Results.NOW)).contains(Agency.POLICE);
    }

    @Test
    void everyAgencyHasItsVietnameseName() {
        assertThat(List.of(Agency.values())).extracting(agency -> SigningIdentity.generate(agency.name(), root, Results.NOW).commonName())
                .containsExactly("Bộ Công an", "Bộ Tư pháp", "Bảo hiểm xã hội Việt Nam", "Bộ Nội vụ", "Bộ Tài chính",
                        "Bộ Nông nghiệp và Môi trường", "Bộ Giáo dục và Đào tạo", "Tập đoàn Điện lực Việt Nam");
    }

    @Test
    void anAgencyCertificateEndsNoLaterThanItsRoot() {
        Instant lateInRootsLife = Results.NOW.plus(18 * 365, ChronoUnit.DAYS);

        SigningIdentity labour = SigningIdentity.generate("LABOUR", root, lateInRootsLife);

        assertThat(labour.cert().getNotAfter()).isEqualTo(root.cert().getNotAfter());
    }

    @Test
    void aStoredIdentityReadsBackAndStillSigns() throws Exception {
        SigningIdentity justice = SigningIdentity.generate("JUSTICE", root, Results.NOW);

        SigningIdentity restored = SigningIdentity.restore(justice.privateKey().getEncoded(), justice.cert().getEncoded(),
                List.of(root.cert()));

        assertThat(restored.chain()).containsExactlyElementsOf(justice.chain());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(restored.privateKey());
        signer.update("kiểm tra".getBytes(StandardCharsets.UTF_8));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(justice.cert());
        verifier.update("kiểm tra".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    void onlyTheFourAgenciesGetKeys() {
        assertThatThrownBy(() -> SigningIdentity.generate("FINANCE", root, Results.NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRootIsNoAgencyCertificate() {
        assertThat(AgencyCertificates.agencyOf(root.cert(), root.cert(), Results.NOW)).isEmpty();
    }

    @Test
    void anIdentityPrintsWithoutItsKey() {
        SigningIdentity police = SigningIdentity.generate("POLICE", root, Results.NOW);

        assertThat(police.toString()).isEqualTo("SigningIdentity[CN=Bộ Công an,OU=POLICE,O=dancu,C=VN]");
    }
}
