package vn.dancu.cards;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.SecretBox;

/**
 * Demo mode only: the demo CSCA ({@link CscaAuthority}) made once and kept in {@code cards.demo_key}
 * with its private keys sealed under the master key, trusted in the trust store (flagged demo, so a
 * platform started without demo mode ignores it), with a revocation list naming its revoked signer,
 * renewed at start and every six hours when it would be stale within a week. make-chip signs with it.
 */
@Component
@ConditionalOnProperty(name = "dancu.demo", havingValue = "true")
class DemoCsca implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCsca.class);
    static final String ACTOR = "demo";
    private static final Duration CRL_VALIDITY = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final Clock clock;
    private final TrustStore trustStore;
    private final TransactionTemplate transactions;
    private volatile CscaAuthority authority;

    DemoCsca(JdbcClient jdbc, SecretBox box, Clock clock, TrustStore trustStore, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
        this.trustStore = trustStore;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            authority();
        } catch (vn.dancu.platform.ApiProblem problem) {
            throw new IllegalStateException("The trust store refused the demo CSCA: " + problem.code() + " " + problem.errors(), problem);
        }
    }

    CscaAuthority authority() {
        CscaAuthority known = authority;
        if (known == null) {
            known = transactions.execute(status -> {
                jdbc.sql("select pg_advisory_xact_lock(hashtext('cards.demo_key'))").query(Object.class).list();
                CscaAuthority loaded = stored();
                if (loaded == null) {
                    loaded = CscaAuthority.generate(clock.instant());
                    save(loaded);
                    trustStore.addCsca(TrustStore.der(loaded.csca().certificate()), ACTOR, true);
                    log.info("Made the demo CSCA (trusted in demo mode only)");
                }
                renewCrl(loaded);
                return loaded;
            });
            authority = known;
        }
        return known;
    }

    /** A demo platform left running renews the list too, before it would go stale. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT6H")
    void renewDemoCrl() {
        CscaAuthority csca = authority();
        transactions.executeWithoutResult(status -> renewCrl(csca));
    }

    ChipMaker maker() {
        return new ChipMaker(authority());
    }

    /** The demo CSCA's revocation list in force, for make-chip's revoked variant. */
    byte[] crl() {
        CscaAuthority csca = authority();
        return jdbc.sql("""
                        select crl from cards.crl join cards.csca on csca.id = crl.csca_id where csca.fingerprint = ?
                        order by this_update desc limit 1""").param(CscaTrust.fingerprint(csca.csca().certificate()))
                .query(byte[].class).single();
    }

    private void renewCrl(CscaAuthority csca) {
        boolean current = trustStore.crls().stream().anyMatch(c -> c.cscaId() == demoCscaId(csca)
                && c.nextUpdate().isAfter(clock.instant().plus(Duration.ofDays(7))));
        if (!current) {
            X509CRL crl = csca.crl(clock.instant(), CRL_VALIDITY);
            trustStore.addCrl(TrustStore.crlDer(crl), ACTOR);
        }
    }

    private long demoCscaId(CscaAuthority csca) {
        return jdbc.sql("select id from cards.csca where fingerprint = ?").param(CscaTrust.fingerprint(csca.csca().certificate()))
                .query(Long.class).single();
    }

    private CscaAuthority stored() {
        Map<String, CscaAuthority.Signer> keys = jdbc.sql("select name, private_key, certificate from cards.demo_key")
                .query((rs, n) -> Map.entry(rs.getString(1), signer(box.open(rs.getBytes(2)), rs.getBytes(3)))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (keys.size() != 3) {
            return null;
        }
        return new CscaAuthority(keys.get("CSCA"), keys.get("DSC"), keys.get("DSC_REVOKED"));
    }

    private void save(CscaAuthority csca) {
        Map.of("CSCA", csca.csca(), "DSC", csca.documentSigner(), "DSC_REVOKED", csca.revokedSigner()).forEach((name, signer) ->
                jdbc.sql("""
                                insert into cards.demo_key (name, private_key, certificate, created_at) values (?, ?, ?, ?)
                                on conflict (name) do update set private_key = excluded.private_key, certificate = excluded.certificate,
                                    created_at = excluded.created_at""")
                        .params(name, box.seal(signer.key().getEncoded()), TrustStore.der(signer.certificate()),
                                Timestamp.from(clock.instant())).update());
    }

    private static CscaAuthority.Signer signer(byte[] pkcs8, byte[] certificate) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            return new CscaAuthority.Signer(key, cert);
        } catch (Exception e) {
            throw new IllegalStateException("The stored demo CSCA keys are unreadable", e);
        }
    }
}
