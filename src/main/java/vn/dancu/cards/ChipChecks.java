package vn.dancu.cards;

import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.registry.PersonFinder;

/**
 * The public API of chip checks (docs/chip.md), for the members' endpoint and the officers' counter:
 * {@link #read} authenticates what a reader took from a card's chip, without the registry;
 * {@link #answer} compares an authentic chip's DG13 with the registry ({@link CardChecks}, logged
 * there), matches the live photo against DG2, records the check and signs the receipt;
 * {@link #refuse} records a refused chip and gives the 422 problem that carries its codes.
 */
@Service
public class ChipChecks {

    /** What the caller sends: the groups (base64), an optional active-authentication exchange and live photo (base64). */
    public record Submission(ChipImage.Encoded groups, String challenge, String response, String face) {
    }

    /** A chip read: authentic (passive authentication and every consistency check passed) or refused. */
    public sealed interface Reading permits Authentic, Refused {
        Map<String, String> hashes();
    }

    public record Authentic(ChipInspection.Report report, CardStatement statement, byte[] face, Map<String, String> hashes)
            implements Reading {

        public String personalId() {
            return statement.personalId().value();
        }
    }

    public record Refused(List<ChipFailure> failures, Map<String, String> hashes) implements Reading {
    }

    /** The answer and the receipt, a compact JWS over the answer without it. */
    public record Answer(long checkId, Instant checkedAt, String checkedBy, String verdict, Passive passiveAuthentication,
                         String activeAuthentication, ChipAuthentications.ChipAuthentication chipAuthentication, Mrz mrz,
                         Dg13Data card, Registry registry, Face faceMatch, Map<String, String> dataGroupSha256, String receipt) {

        Answer signed(String jws) {
            return new Answer(checkId, checkedAt, checkedBy, verdict, passiveAuthentication, activeAuthentication, chipAuthentication,
                    mrz, card, registry, faceMatch, dataGroupSha256, jws);
        }

        /** The items answered, as the product's fee counts them. */
        public int itemsAnswered() {
            int items = 1 + (registry.found() ? 2 + (int) registry.matches().values().stream()
                    .filter(f -> f != CardCheck.FieldCheck.NOT_RECORDED).count() : 0);
            items += "NOT_REQUESTED".equals(activeAuthentication) ? 0 : 1;
            return items + (faceMatch.outcome() == FaceMatcher.Outcome.NOT_PERFORMED ? 0 : 1);
        }
    }

    public record Passive(String result, String documentSigner, String documentSignerSerial, String countrySigningCa,
                          Instant signedAt, String digestAlgorithm, String signatureAlgorithm, String revocation) {
    }

    public record Mrz(String text, String documentCode, String issuingState, String documentNumber, String personalId,
                      String dateOfBirth, String sex, String dateOfExpiry, String nationality, String name) {
    }

    public record Registry(boolean found, Boolean alive, CardCheck.CardState cardStatus, Map<String, CardCheck.FieldCheck> matches,
                           boolean allAgree) {
    }

    /** {@code reference}: what the live photo was compared with (DG2; the registry keeps no photo). */
    public record Face(FaceMatcher.Outcome outcome, Double score, String engine, String reference, String reason) {
    }

    static final String ISSUER = "dancu";

    private final TrustStore trustStore;
    private final CardChecks cards;
    private final FaceMatcher faces;
    private final ChipReceipts receipts;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ChipChecks(TrustStore trustStore, CardChecks cards, FaceMatcher faces, ChipReceipts receipts, JdbcClient jdbc, Clock clock) {
        this.trustStore = trustStore;
        this.cards = cards;
        this.faces = faces;
        this.receipts = receipts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Authenticates the chip image. Throws 400 problem+json (VALIDATION_FAILED, one field error per
     * unreadable input with its code: INVALID_BASE64, SOD_MALFORMED, DG13_MALFORMED...). Reads no person.
     */
    public Reading read(Submission submission) {
        FieldErrors errors = new FieldErrors();
        ChipImage image = ChipImage.decode(submission.groups() == null ? new ChipImage.Encoded(null, null, null, null, null, null)
                : submission.groups(), errors);
        ChipInspection.Challenge challenge = challenge(submission, errors);
        byte[] face = bytes(errors, "face", submission.face());
        errors.throwIfAny();
        ChipInspection.Report report;
        try {
            report = ChipInspection.inspect(image, trustStore.trust(), clock.instant(), challenge, face != null);
        } catch (ChipMalformed malformed) {
            ChipFailure f = malformed.failure();
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The chip data cannot be read: " + f.detail(),
                    List.of(new ApiProblem.FieldProblem(f.field(), f.code().name(), f.detail())));
        }
        Map<String, String> hashes = hashes(image);
        if (!report.authentic()) {
            return new Refused(report.failures(), hashes);
        }
        return new Authentic(report, ChipStatement.of(report.dg13()), face, hashes);
    }

    /**
     * Records a refused chip in the caller's transaction and returns the problem to answer: 422 with
     * the first failure's code and every failure as a field error.
     */
    @Transactional
    public ApiProblem refuse(Refused refused, AccessLog.ActorType actorType, String actor) {
        long id = record(actorType, actor, null, "REFUSED", refused.failures().stream().map(f -> f.code().name()).toList(),
                refused.hashes().get("sod"), null);
        ChipFailure first = refused.failures().getFirst();
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, first.code().name(), "The chip data is not authentic or not consistent"
                + " (chip check " + id + "): " + first.detail(), refused.failures().stream()
                .map(f -> new ApiProblem.FieldProblem(f.field(), f.code().name(), f.detail())).toList());
    }

    /**
     * Compares DG13 with the registry as {@code reader} (logged in the access log by {@link CardChecks}),
     * matches the face, records the check and signs the receipt, all in the caller's transaction.
     */
    @Transactional
    public Answer answer(Authentic chip, PersonFinder.Requester reader) {
        CardCheck check = cards.check(chip.statement(), reader);
        ChipInspection.Report report = chip.report();
        Face face = face(chip.face(), report.face());
        Instant now = clock.instant();
        long id = record(reader.type(), reader.actor(), chip.personalId(), "AUTHENTIC", List.of(), chip.hashes().get("sod"),
                receipts.keyId());
        Answer answer = new Answer(id, now, reader.type().name() + ":" + reader.actor(), "AUTHENTIC", passive(report.passive()),
                report.activeAuthentication(), report.chipAuthentication(), mrz(report.mrz()), report.dg13(),
                new Registry(check.found(), check.found() ? check.alive() : null, check.card(), check.fields(), check.allAgree()),
                face, chip.hashes(), null);
        return answer.signed(receipts.sign(json.writeValueAsString(receiptClaims(answer))));
    }

    /** The receipt's payload: the whole answer, with the registered claims a JWS verifier expects. */
    private Map<String, Object> receiptClaims(Answer answer) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("jti", "chip-check-" + answer.checkId());
        claims.put("iat", answer.checkedAt().getEpochSecond());
        claims.put("sub", answer.mrz().personalId());
        claims.put("check", answer);
        return claims;
    }

    /** The public keys receipts verify with (JWKS). */
    public Map<String, Object> receiptKeys() {
        return receipts.publicKeys();
    }

    private Face face(byte[] probe, Dg2Face reference) {
        if (probe == null) {
            return new Face(FaceMatcher.Outcome.NOT_PERFORMED, null, "none", null, "No live photo was sent");
        }
        if (reference == null) {
            return new Face(FaceMatcher.Outcome.NOT_PERFORMED, null, "none", null, "No DG2 was sent to compare the live photo with");
        }
        FaceMatcher.Result result = faces.match(probe, reference.image());
        return new Face(result.outcome(), result.score(), result.engine(), "DG2", result.reason());
    }

    private long record(AccessLog.ActorType type, String actor, String personalId, String verdict, List<String> codes, String sod,
                        String kid) {
        return jdbc.sql("""
                        insert into cards.chip_check (checked_at, actor_type, actor, personal_id, verdict, codes, sod_sha256, receipt_kid)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(Timestamp.from(clock.instant()), type == AccessLog.ActorType.MEMBER ? "MEMBER" : "STAFF", actor, personalId,
                        verdict, codes.toArray(String[]::new), sod, kid).query(Long.class).single();
    }

    private static ChipInspection.Challenge challenge(Submission s, FieldErrors errors) {
        if ((s.challenge() == null || s.challenge().isBlank()) && (s.response() == null || s.response().isBlank())) {
            return null;
        }
        byte[] challenge = bytes(errors, "activeAuthentication.challenge", s.challenge());
        byte[] response = bytes(errors, "activeAuthentication.response", s.response());
        return new ChipInspection.Challenge(challenge, response);
    }

    private static byte[] bytes(FieldErrors errors, String field, String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(base64.strip());
            if (bytes.length > ChipImage.MAX_GROUP_BYTES * 10) {
                errors.add(field, "INVALID_LENGTH", field + " is too large");
                return null;
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            errors.add(field, "INVALID_BASE64", field + " is not base64");
            return null;
        }
    }

    private static Map<String, String> hashes(ChipImage image) {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("sod", sha256(image.sod()));
        image.groups().forEach((group, bytes) -> hashes.put(ChipImage.fieldOf(group), sha256(bytes)));
        return hashes;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Passive passive(PassiveAuthentication.Outcome o) {
        return new Passive("PASSED", o.documentSigner(), o.documentSignerSerial(), o.countrySigningCa(), o.signedAt(),
                o.digestAlgorithm(), o.signatureAlgorithm(), o.revocation().name());
    }

    private static Mrz mrz(Dg1Mrz m) {
        return new Mrz(m.text(), m.documentCode(), m.issuingState(), m.documentNumber(), m.personalId(), m.dateOfBirth(), m.sex(),
                m.dateOfExpiry(), m.nationality(), m.name());
    }
}
