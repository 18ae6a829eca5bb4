package vn.dancu.procedures.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedJsonTest {

    private final TestAuthority authority = TestAuthority.create();
    private final ResultVerifier verifier = new ResultVerifier(authority);
    private final ResultDocument birth = Results.birthRegistration();
    private final String jws = Results.signer(authority).signRecord(birth);

    @Test
    void theSignedRecordGivesBackTheDocumentItsPdfIsRenderedFrom() {
        ResultDocument back = ResultSigner.documentOf(jws);
        assertThat(back).isEqualTo(birth);
        assertThat(back.fields().keySet()).containsExactlyElementsOf(birth.fields().keySet());
    }

    @Test
    void aSignedRecordVerifiesWithItsPayload() {
        Verdict verdict = verifier.verifyJws(jws);

        assertThat(verdict.code()).isEqualTo(Verdict.VALID);
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.documentId()).isEqualTo(birth.id());
        assertThat(verdict.signer()).isEqualTo("Bộ Tư pháp");
        assertThat(verdict.agency()).isEqualTo("JUSTICE");
        assertThat(verdict.payload()).containsKeys("id", "kind", "title", "personalId", "issuedAt", "issuer", "applicationCode", "fields")
                .containsEntry("personalId", "079325001234")
                .containsEntry("issuedAt", "2025-07-01T02:00:00Z")
                .containsEntry("title", Map.of("vi", "Trích lục khai sinh", "en", "Extract of birth registration"))
                .containsEntry("issuer", Map.of("agency", "JUSTICE", "name", "UBND phường Tân Định – Công chức tư pháp – hộ tịch"));
        assertThat(List.copyOf(((Map<?, ?>) verdict.payload().get("fields")).keySet())).isEqualTo(List.copyOf(birth.fields().keySet()));
    }

    @Test
    void theRecordKeepsItsOrder() {
        String json = new String(Base64URL.from(jws.split("\\.")[1]).decode(), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"id\":\"" + birth.id() + "\",\"kind\":\"BIRTH_REGISTRATION\",\"title\":{\"vi\":")
                .containsSubsequence("\"personalId\"", "\"issuedAt\"", "\"issuer\"", "\"applicationCode\"", "\"fields\"",
                        "\"Loại việc hộ tịch\":\"Đăng ký khai sinh\"", "\"Họ, chữ đệm và tên\":\"Nguyễn Thị Ánh\"");
    }

    @Test
    void itsHeaderCarriesTheChainTheAgencyAndTheSigningTime() throws Exception {
        JWSObject parsed = JWSObject.parse(jws);
        SigningIdentity justice = authority.identity("JUSTICE");

        assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(parsed.getHeader().getType().getType()).isEqualTo("dancu-result+jws");
        assertThat(parsed.getHeader().getKeyID()).isEqualTo("JUSTICE");
        assertThat(parsed.getHeader().getX509CertChain()).extracting(cert -> cert.decode())
                .containsExactly(justice.cert().getEncoded(), authority.root().getEncoded());
        assertThat(((Number) parsed.getHeader().getCustomParam("iat")).longValue()).isEqualTo(Results.NOW.getEpochSecond());
    }

    @Test
    void anEditedPayloadIsABadSignature() {
        String[] parts = jws.split("\\.");
        String json = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
        String edited = json.replace("Nguyễn Thị Ánh", "Nguyễn Thị Bình");
        assertThat(edited).isNotEqualTo(json);

        String forged = parts[0] + "." + Base64URL.encode(edited.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(verifier.verifyJws(forged).code()).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void anotherRootsChainIsUntrusted() {
        String foreign = Results.signer(TestAuthority.create()).signRecord(birth);

        Verdict verdict = verifier.verifyJws(foreign);

        assertThat(verdict.code()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
        assertThat(verdict.payload()).isEmpty();
    }

    @Test
    void theRootItselfDoesNotSignResults() {
        String byRoot = Results.signer(signingEveryAgencyWith(authority.rootIdentity())).signRecord(birth);

        assertThat(verifier.verifyJws(byRoot).code()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void aRecordNamingAnotherAgencyThanItsKeyIsRefused() {
        String justiceByPolice = Results.signer(signingEveryAgencyWith(authority.identity("POLICE"))).signRecord(birth);

        assertThat(verifier.verifyJws(justiceByPolice).code()).isEqualTo(Verdict.WRONG_AGENCY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "không phải JWS", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA"})
    void garbageIsMalformed(String garbage) {
        assertThat(verifier.verifyJws(garbage).code()).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void nothingIsMalformed() {
        assertThat(verifier.verifyJws(null).code()).isEqualTo(Verdict.MALFORMED);
    }

    /** An authority that hands out one identity for every agency, as a misconfigured key store would. */
    private CertificationAuthority signingEveryAgencyWith(SigningIdentity identity) {
        return new CertificationAuthority() {
            @Override
            public SigningIdentity identity(String agency) {
                return identity;
            }

            @Override
            public X509Certificate root() {
                return authority.root();
            }
        };
    }
}
