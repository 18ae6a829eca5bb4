package vn.dancu.procedures.results;

import vn.dancu.procedures.Agency;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.SecretBox;

/**
 * The platform's own certification authority for results: a root and one signing key per agency, kept in
 * {@code procedures.signing_key} with the private keys sealed by the master key, and made on first use. It stands in
 * locally for the government's certification authority (the Government Cipher Committee's CA), which certifies the
 * agencies' keys in a real deployment.
 */
@Component
public class AgencyKeys implements CertificationAuthority {

    private static final Logger log = LoggerFactory.getLogger(AgencyKeys.class);
    private static final String ROOT = "ROOT";
    // A key is replaced a month before its certificate ends, so that no node signs with a certificate about to expire.
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Map<String, SigningIdentity> cache = new ConcurrentHashMap<>();

    public AgencyKeys(JdbcClient jdbc, SecretBox secrets, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        // Keys commit on their own: made inside a caller's transaction that then rolls back, they would stay cached
        // here while another node made different ones.
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public SigningIdentity identity(String agency) {
        if (Agency.of(agency).isEmpty()) {
            throw new IllegalArgumentException("Not an agency that signs results: " + agency);
        }
        SigningIdentity cached = cache.get(agency);
        return cached != null && !renewalDue(cached) ? cached : load(agency);
    }

    @Override
    public X509Certificate root() {
        SigningIdentity cached = cache.get(ROOT);
        return (cached != null ? cached : load(ROOT)).cert();
    }

    private synchronized SigningIdentity load(String name) {
        record Loaded(SigningIdentity root, SigningIdentity identity) {
        }
        Loaded loaded = transactions.execute(status -> {
            // Nodes starting together: the lock lets one of them make a missing key while the others wait and read it.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('procedures.signing_key'))").query(Object.class).list();
            SigningIdentity root = stored(ROOT, List.of()).orElseGet(() -> save(ROOT, SigningIdentity.generateRoot(clock.instant())));
            return new Loaded(root, name.equals(ROOT) ? root : stored(name, List.of(root.cert())).filter(id -> usable(id, root))
                    .orElseGet(() -> save(name, SigningIdentity.generate(name, root, clock.instant()))));
        });
        // Cached only once committed, so that a rolled-back key is never used.
        cache.put(ROOT, loaded.root());
        cache.put(name, loaded.identity());
        return loaded.identity();
    }

    private Optional<SigningIdentity> stored(String name, List<X509Certificate> issuers) {
        return jdbc.sql("select private_key, certificate from procedures.signing_key where name = ?").param(name)
                .query((rs, n) -> SigningIdentity.restore(secrets.open(rs.getBytes(1)), rs.getBytes(2), issuers)).optional();
    }

    /** Still under this root (it is the one verifiers trust) and not about to expire. */
    private boolean usable(SigningIdentity identity, SigningIdentity root) {
        return !renewalDue(identity) && AgencyCertificates.agencyOf(identity.cert(), root.cert(), clock.instant()).isPresent();
    }

    private boolean renewalDue(SigningIdentity identity) {
        return identity.cert().getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE));
    }

    private SigningIdentity save(String name, SigningIdentity identity) {
        jdbc.sql("""
                        insert into procedures.signing_key (name, private_key, certificate, created_at) values (?, ?, ?, ?)
                        on conflict (name) do update set private_key = excluded.private_key, certificate = excluded.certificate,
                            created_at = excluded.created_at""")
                .params(name, secrets.seal(identity.privateKey().getEncoded()), der(identity.cert()), Timestamp.from(clock.instant()))
                .update();
        log.info("Made the {} key for signing results, certified until {}", name, identity.cert().getNotAfter().toInstant());
        return identity;
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
