package vn.dancu.cards;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.CacheBus;

/**
 * The trust store of passive authentication ({@code cards.csca}, {@code cards.crl}): the country
 * signing CAs an administrator loaded, and their revocation lists, each checked as signed by its CA
 * when loaded. Every change is in {@code cards.trust_change}. Checks read an immutable snapshot,
 * remade after a change on this node and at most {@link #RELOAD} after one on another node.
 * The demo CSCA counts only in demo mode, whatever the table says.
 */
@Service
public class TrustStore {

    public record CscaView(long id, String fingerprint, String subject, String serial, Instant notBefore, Instant notAfter,
                           String addedBy, Instant addedAt, boolean active, String deactivatedBy, Instant deactivatedAt,
                           boolean demo, CrlView crl) {
    }

    public record CrlView(long id, long cscaId, Instant thisUpdate, Instant nextUpdate, int revoked, String addedBy,
                          Instant addedAt, boolean stale) {
    }

    public record TrustChange(long id, Instant changedAt, String actor, String changeType, long cscaId, String subject,
                              String detail) {
    }

    private record Snapshot(CscaTrust trust, Instant loadedAt) {
    }

    static final Duration RELOAD = Duration.ofSeconds(30);
    static final int MAX_FILE_BYTES = 1_000_000;

    /** The cache bus's name for the trust snapshot: a change on one node drops every node's snapshot at its commit. */
    static final String CACHE = "cards.trust";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean demo;
    private final CacheBus bus;
    private volatile Snapshot snapshot;

    TrustStore(JdbcClient jdbc, Clock clock, @Value("${dancu.demo:false}") boolean demo, CacheBus bus) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.demo = demo;
        this.bus = bus;
        bus.register(CACHE, detail -> snapshot = null);
    }

    /** What passive authentication trusts now. */
    CscaTrust trust() {
        Snapshot current = snapshot;
        if (current == null || current.loadedAt().plus(RELOAD).isBefore(clock.instant())) {
            current = new Snapshot(load(), clock.instant());
            snapshot = current;
        }
        return current.trust();
    }

    private CscaTrust load() {
        List<CscaTrust.Anchor> anchors = jdbc.sql("select id, certificate from cards.csca where active and (not demo or ?) order by id")
                .param(demo).query((rs, n) -> new CscaTrust.Anchor(rs.getLong(1), certificate(rs.getBytes(2)))).list();
        Map<Long, X509CRL> crls = new HashMap<>();
        jdbc.sql("""
                        select distinct on (csca_id) csca_id, crl from cards.crl order by csca_id, this_update desc, id desc""")
                .query((rs, n) -> Map.entry(rs.getLong(1), crl(rs.getBytes(2)))).list().forEach(e -> crls.put(e.getKey(), e.getValue()));
        return new CscaTrust(anchors, crls);
    }

    public List<CscaView> cscas() {
        Map<Long, CrlView> crls = new HashMap<>();
        crls().forEach(c -> crls.putIfAbsent(c.cscaId(), c));
        return jdbc.sql("""
                        select id, fingerprint, subject, serial, not_before, not_after, added_by, added_at, active, deactivated_by,
                               deactivated_at, demo from cards.csca order by active desc, added_at desc, id desc""")
                .query((rs, n) -> new CscaView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        instant(rs, 6), rs.getString(7), instant(rs, 8), rs.getBoolean(9), rs.getString(10), instant(rs, 11),
                        rs.getBoolean(12), crls.get(rs.getLong(1)))).list();
    }

    /** Newest first, per CSCA the first is the one in force. */
    public List<CrlView> crls() {
        Instant now = clock.instant();
        return jdbc.sql("""
                        select id, csca_id, this_update, next_update, revoked, added_by, added_at from cards.crl
                        order by csca_id, this_update desc, id desc""")
                .query((rs, n) -> new CrlView(rs.getLong(1), rs.getLong(2), instant(rs, 3), instant(rs, 4), rs.getInt(5),
                        rs.getString(6), instant(rs, 7), instant(rs, 4).isBefore(now))).list();
    }

    public List<TrustChange> changes() {
        return jdbc.sql("select id, changed_at, actor, change_type, csca_id, subject, detail from cards.trust_change order by id desc limit 200")
                .query((rs, n) -> new TrustChange(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7))).list();
    }

    /**
     * Trusts a country signing CA: a self-signed CA certificate (PEM or DER). Refused with
     * CERTIFICATE_UNREADABLE, NOT_A_CA or NOT_SELF_SIGNED (400), CSCA_ALREADY_TRUSTED (409).
     */
    @Transactional
    public CscaView addCsca(byte[] file, String actor) {
        return addCsca(file, actor, false);
    }

    @Transactional
    CscaView addCsca(byte[] file, String actor, boolean demoCsca) {
        X509Certificate certificate = parseCertificate(file);
        if (certificate.getBasicConstraints() < 0) {
            throw ApiProblem.invalidField("certificate", "NOT_A_CA", "The certificate is not a CA certificate (basicConstraints cA is not set)");
        }
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) || !selfSigned(certificate)) {
            throw ApiProblem.invalidField("certificate", "NOT_SELF_SIGNED", "A country signing CA certificate is self-signed");
        }
        String fingerprint = CscaTrust.fingerprint(certificate);
        if (jdbc.sql("select count(*) from cards.csca where fingerprint = ?").param(fingerprint).query(Long.class).single() > 0) {
            throw ApiProblem.conflict("CSCA_ALREADY_TRUSTED", "This certificate is already in the trust store");
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into cards.csca (fingerprint, certificate, subject, serial, not_before, not_after, added_by, added_at, demo)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(fingerprint, der(certificate), subject(certificate), certificate.getSerialNumber().toString(16),
                        Timestamp.from(certificate.getNotBefore().toInstant()), Timestamp.from(certificate.getNotAfter().toInstant()),
                        actor, Timestamp.from(now), demoCsca).query(Long.class).single();
        changed(actor, "CSCA_ADDED", id, subject(certificate), "SHA-256 " + fingerprint + " · " + day(certificate.getNotBefore())
                + " – " + day(certificate.getNotAfter()));
        return view(id);
    }

    /** Stops trusting a CSCA; CSCA_NOT_FOUND (404), CSCA_ALREADY_INACTIVE (409). */
    @Transactional
    public CscaView deactivate(long id, String actor) {
        CscaView csca = view(id);
        if (!csca.active()) {
            throw ApiProblem.conflict("CSCA_ALREADY_INACTIVE", "This CSCA is already deactivated");
        }
        jdbc.sql("update cards.csca set active = false, deactivated_by = ?, deactivated_at = ? where id = ?")
                .params(actor, Timestamp.from(clock.instant()), id).update();
        changed(actor, "CSCA_DEACTIVATED", id, csca.subject(), "SHA-256 " + csca.fingerprint());
        return view(id);
    }

    /**
     * Loads a CSCA's revocation list (PEM or DER): it must be signed by an active CSCA of the store,
     * name its next update, and be newer than the list in force. CRL_UNREADABLE, CRL_NO_NEXT_UPDATE,
     * CRL_ISSUER_UNTRUSTED (400); CRL_NOT_NEWER (409).
     */
    @Transactional
    public CrlView addCrl(byte[] file, String actor) {
        X509CRL crl = parseCrl(file);
        if (crl.getNextUpdate() == null) {
            throw ApiProblem.invalidField("crl", "CRL_NO_NEXT_UPDATE", "The list names no next update, so nobody can tell when it is stale");
        }
        CscaView issuer = cscas().stream().filter(CscaView::active).filter(c -> demo || !c.demo())
                .filter(c -> signedBy(crl, c.id())).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("crl", "CRL_ISSUER_UNTRUSTED",
                        "No active CSCA of the trust store signed this revocation list"));
        if (issuer.crl() != null && !crl.getThisUpdate().toInstant().isAfter(issuer.crl().thisUpdate())) {
            throw ApiProblem.conflict("CRL_NOT_NEWER", "The trust store already holds a list of this CSCA issued "
                    + issuer.crl().thisUpdate() + " or later");
        }
        int revoked = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        long id = jdbc.sql("""
                        insert into cards.crl (csca_id, crl, fingerprint, this_update, next_update, revoked, added_by, added_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(issuer.id(), crlDer(crl), sha256(crlDer(crl)), Timestamp.from(crl.getThisUpdate().toInstant()),
                        Timestamp.from(crl.getNextUpdate().toInstant()), revoked, actor, Timestamp.from(clock.instant()))
                .query(Long.class).single();
        changed(actor, "CRL_ADDED", issuer.id(), issuer.subject(), day(crl.getThisUpdate()) + " – " + day(crl.getNextUpdate())
                + " · " + revoked + " DSC");
        return crls().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    private void changed(String actor, String type, long cscaId, String subject, String detail) {
        jdbc.sql("insert into cards.trust_change (changed_at, actor, change_type, csca_id, subject, detail) values (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, type, cscaId, subject, detail).update();
        snapshot = null;
        bus.changed(CACHE); // a withdrawn CSCA or a new CRL holds on the other nodes from the commit, not after RELOAD
    }

    CscaView view(long id) {
        return cscas().stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("CSCA_NOT_FOUND", "No CSCA has the id " + id));
    }

    private boolean signedBy(X509CRL crl, long cscaId) {
        X509Certificate csca = jdbc.sql("select certificate from cards.csca where id = ?").param(cscaId)
                .query((rs, n) -> certificate(rs.getBytes(1))).single();
        if (!csca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
            return false;
        }
        try {
            crl.verify(csca.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** A file as uploaded (PEM or DER) or as an API's JSON string (PEM, or base64 of the DER). */
    static byte[] fileOf(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalidField(field, "REQUIRED", field + " is required: PEM, or base64 of the DER");
        }
        if (text.contains("-----BEGIN")) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "INVALID_BASE64", field + " is neither PEM nor base64");
        }
    }

    static X509Certificate parseCertificate(byte[] file) {
        try {
            if (file == null || file.length == 0 || file.length > MAX_FILE_BYTES) {
                throw new IllegalArgumentException();
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(file));
        } catch (Exception e) {
            throw ApiProblem.invalidField("certificate", "CERTIFICATE_UNREADABLE", "The file is not an X.509 certificate (PEM or DER)");
        }
    }

    static X509CRL parseCrl(byte[] file) {
        try {
            if (file == null || file.length == 0 || file.length > MAX_FILE_BYTES) {
                throw new IllegalArgumentException();
            }
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(file));
        } catch (Exception e) {
            throw ApiProblem.invalidField("crl", "CRL_UNREADABLE", "The file is not an X.509 revocation list (PEM or DER)");
        }
    }

    private static boolean selfSigned(X509Certificate certificate) {
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException("A stored CSCA certificate is unreadable", e);
        }
    }

    private static X509CRL crl(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException("A stored revocation list is unreadable", e);
        }
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] crlDer(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A day of Vietnam as ISO text: the record of changes is language-neutral (pages write the days
     * their own way), and says what was loaded, not how to read it.
     */
    private static String day(java.util.Date date) {
        return java.time.LocalDate.ofInstant(date.toInstant(), java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
