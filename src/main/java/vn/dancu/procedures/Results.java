package vn.dancu.procedures;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.procedures.results.ResultDocument;
import vn.dancu.procedures.results.ResultSigner;
import vn.dancu.procedures.results.ResultVerifier;

/**
 * The signed outcomes of procedures, kept with the person they are about so that later procedures
 * reuse them ("digitise once"), and verifiable by anyone from the QR code on the PDF.
 */
@Component
public class Results {

    /** The largest file anyone may hand in for checking: the PDFs issued here are far smaller. */
    static final int MAX_CHECKED_BYTES = 10 * 1024 * 1024;

    /** A stored result, without its bytes. */
    public record Result(UUID id, String applicationCode, int legNo, String personalId, String kind, String agency,
                         Instant issuedAt) {
    }

    /** A result of an application with its fields, as the signed record states them (what its page shows). */
    record Shown(Result result, java.util.Map<String, String> fields) {
    }

    private final JdbcClient jdbc;
    private final ResultSigner signer;
    private final ResultVerifier verifier;
    private final vn.dancu.audit.AccessLog accessLog;

    Results(JdbcClient jdbc, ResultSigner signer, ResultVerifier verifier, vn.dancu.audit.AccessLog accessLog) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.verifier = verifier;
        this.accessLog = accessLog;
    }

    /** The citizen's own documents, as they read them: the read is in their access log like any other. */
    @Transactional
    public List<Result> heldBy(String personalId) {
        List<Result> held = ofPerson(personalId);
        if (!held.isEmpty()) {
            selfRead(personalId, null);
        }
        return held;
    }

    /**
     * The results about a person for a reader other than these pages (the wallet, on behalf of the citizen
     * or the platform): the read is in the access log in the caller's transaction, under the reader's name.
     */
    @Transactional
    public List<Result> readFor(String personalId, vn.dancu.registry.PersonFinder.Requester reader) {
        List<Result> held = ofPerson(personalId);
        if (!held.isEmpty()) {
            accessLog.record(new vn.dancu.audit.AccessLog.Entry(reader.type(), reader.actor(), personalId, List.of("results"),
                    reader.purpose(), reader.channel(), reader.caseRef(), reader.purposeCode()));
        }
        return held;
    }

    /** The citizen opens one of their own documents. */
    @Transactional
    public void readBySelf(Result result) {
        selfRead(result.personalId(), result.applicationCode());
    }

    private void selfRead(String personalId, String caseRef) {
        accessLog.record(new vn.dancu.audit.AccessLog.Entry(vn.dancu.audit.AccessLog.ActorType.SELF, "citizen:" + personalId,
                personalId, List.of("results"), "Giấy tờ của tôi", vn.dancu.audit.AccessLog.Channel.SELF, caseRef));
    }

    /** Signs the record and stores it in the caller's transaction; its PDF follows when first asked for ({@link #pdf}). */
    Result issue(long applicationId, int legNo, ResultDocument document) {
        jdbc.sql("""
                        insert into procedures.result (id, application_id, leg_no, personal_id, kind, agency, issued_at, jws)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(document.id(), applicationId, legNo, document.personalId(), document.kind(), document.agency(),
                        Timestamp.from(document.issuedAt()), signer.signRecord(document))
                .update();
        return new Result(document.id(), document.applicationCode(), legNo, document.personalId(), document.kind(),
                document.agency(), document.issuedAt());
    }

    /** The results of an application with their fields: only here is a record's JSON read back. */
    List<Shown> ofApplication(long applicationId) {
        return jdbc.sql(SELECT.replace("r.issued_at", "r.issued_at, r.jws") + " where r.application_id = ? order by r.leg_no")
                .param(applicationId)
                .query((rs, n) -> new Shown(result(rs, n), ResultSigner.documentOf(rs.getString(8)).fields()))
                .list();
    }

    /** The results about a person, newest first: what the citizen holds and later procedures reuse. */
    List<Result> ofPerson(String personalId) {
        return jdbc.sql(SELECT + " where r.personal_id = ? order by r.issued_at desc").param(personalId).query(this::result).list();
    }

    @Transactional(readOnly = true)
    public Optional<Result> find(UUID id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query(this::result).optional();
    }

    /**
     * The PDF of a result. It is rendered and signed when first asked for, and kept: rendering takes
     * about 18 ms of a core (font subset, two saves), which the approval does not wait for, and most
     * results of a linked procedure are read as records and never printed.
     */
    @Transactional
    public Optional<byte[]> pdf(UUID id) {
        record Stored(String jws, byte[] pdf) {
        }
        Optional<Stored> stored = jdbc.sql("select jws, pdf from procedures.result where id = ?").param(id)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getBytes(2))).optional();
        return stored.map(s -> s.pdf() != null ? s.pdf() : render(id, s.jws()));
    }

    private byte[] render(UUID id, String jws) {
        byte[] pdf = signer.renderPdf(ResultSigner.documentOf(jws));
        int updated = jdbc.sql("update procedures.result set pdf = ? where id = ? and pdf is null").params(pdf, id).update();
        // Rendered meanwhile by another request: the stored PDF is the one everyone gets.
        return updated == 1 ? pdf : jdbc.sql("select pdf from procedures.result where id = ?").param(id).query(byte[].class).single();
    }

    @Transactional(readOnly = true)
    public Optional<String> jws(UUID id) {
        return jdbc.sql("select jws from procedures.result where id = ?").param(id).query(String.class).optional();
    }

    /**
     * Checks a file someone holds: a PDF or a JWS. Valid means signed by an agency's key under the
     * platform's root, unchanged since, and issued here (the id is one of ours).
     */
    public vn.dancu.procedures.results.Verdict verify(byte[] content) {
        boolean pdf = Attachments.sniff(content).filter("application/pdf"::equals).isPresent();
        vn.dancu.procedures.results.Verdict verdict = pdf ? verifier.verifyPdf(content)
                : verifier.verifyJws(new String(content, java.nio.charset.StandardCharsets.UTF_8).strip());
        if (verdict.valid() && find(verdict.documentId()).isEmpty()) {
            return new vn.dancu.procedures.results.Verdict(false, "NOT_ISSUED_HERE", verdict.documentId(), verdict.signer(), verdict.agency(),
                    java.util.Map.of());
        }
        return verdict;
    }

    private static final String SELECT = """
            select r.id, a.code, r.leg_no, r.personal_id, r.kind, r.agency, r.issued_at
            from procedures.result r join procedures.application a on a.id = r.application_id""";

    private Result result(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Result(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant());
    }
}
