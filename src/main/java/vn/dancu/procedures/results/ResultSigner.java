package vn.dancu.procedures.results;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Issues a result twice over with the agency's key: a JWS of its JSON record, and a PAdES-signed PDF for people. */
@Component
public class ResultSigner {

    static final JOSEObjectType TYPE = new JOSEObjectType("dancu-result+jws");
    /** Protected header with the signing time in epoch seconds (as in JAdES): the time the certificate is checked at. */
    static final String SIGNED_AT = "iat";

    private final CertificationAuthority authority;
    private final Clock clock;
    private final String publicUrl;

    public ResultSigner(CertificationAuthority authority, Clock clock,
                        @Value("${dancu.public-url:http://localhost:8080}") String publicUrl) {
        this.authority = authority;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** The JSON record, signed now: what the result is, from the moment its leg is approved. */
    public String signRecord(ResultDocument doc) {
        return jws(doc, authority.identity(doc.agency()), signingTime().toInstant());
    }

    /**
     * The PDF of a record, signed now. Rendering costs tens of milliseconds (font subset, two
     * saves), so it runs after the approval and never inside it.
     */
    public byte[] renderPdf(ResultDocument doc) {
        SigningIdentity signer = authority.identity(doc.agency());
        ZonedDateTime signedAt = signingTime();
        try {
            return Pades.sign(ResultPdf.render(doc, signer, verifyUrl(doc.id()), signedAt), signer, GregorianCalendar.from(signedAt));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the PDF of result " + doc.id(), e);
        }
    }

    /** The document a signed record holds, to render its PDF from. */
    public static ResultDocument documentOf(String jws) {
        try {
            tools.jackson.databind.JsonNode json = JsonMapper.shared().readTree(JWSObject.parse(jws).getPayload().toString());
            LinkedHashMap<String, String> fields = new LinkedHashMap<>();
            json.path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
            return new ResultDocument(UUID.fromString(json.path("id").asString()), json.path("kind").asString(),
                    json.path("title").path("vi").asString(), json.path("title").path("en").asString(),
                    json.path("issuer").path("agency").asString(), json.path("issuer").path("name").asString(),
                    json.path("personalId").asString(), Instant.parse(json.path("issuedAt").asString()),
                    json.path("applicationCode").asString(), fields);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("Not a signed result", e);
        }
    }

    /** Whole seconds: the PDF's sign date cannot hold more, and the JWS must state the same time. */
    private ZonedDateTime signingTime() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).atZone(clock.getZone());
    }

    /** The public page that checks a result, which the PDF's QR code leads to. */
    public String verifyUrl(UUID id) {
        return publicUrl + "/verify/" + id;
    }

    private static String jws(ResultDocument doc, SigningIdentity signer, Instant signedAt) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(doc.agency())
                .x509CertChain(signer.chain().stream().map(ResultSigner::base64).toList())
                .customParam(SIGNED_AT, signedAt.getEpochSecond()).build();
        // Jackson keeps the record's order, which Nimbus's own JSON writer does not.
        JWSObject jws = new JWSObject(header, new Payload(JsonMapper.shared().writeValueAsString(record(doc))));
        try {
            jws.sign(new ECDSASigner((ECPrivateKey) signer.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign result " + doc.id(), e);
        }
        return jws.serialize();
    }

    private static Map<String, Object> record(ResultDocument doc) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", doc.id().toString());
        json.put("kind", doc.kind());
        json.put("title", ordered("vi", doc.titleVi(), "en", doc.titleEn()));
        json.put("personalId", doc.personalId());
        json.put("issuedAt", doc.issuedAt().toString());
        json.put("issuer", ordered("agency", doc.agency(), "name", doc.issuerName()));
        json.put("applicationCode", doc.applicationCode());
        json.put("fields", doc.fields());
        return json;
    }

    private static Map<String, Object> ordered(String key1, String value1, String key2, String value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    private static Base64 base64(X509Certificate cert) {
        try {
            return Base64.encode(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
