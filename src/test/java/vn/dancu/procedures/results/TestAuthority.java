package vn.dancu.procedures.results;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A certification authority in memory: a root of its own and agency keys made on first use, all certified at one time. */
final class TestAuthority implements CertificationAuthority {

    private final SigningIdentity root;
    private final Instant certifiedAt;
    private final Map<String, SigningIdentity> identities = new ConcurrentHashMap<>();

    private TestAuthority(Instant certifiedAt) {
        this.root = SigningIdentity.generateRoot(certifiedAt);
        this.certifiedAt = certifiedAt;
    }

    static TestAuthority create() {
        return new TestAuthority(Results.NOW);
    }

    static TestAuthority certifiedAt(Instant at) {
        return new TestAuthority(at);
    }

    @Override
    public SigningIdentity identity(String agency) {
        return identities.computeIfAbsent(agency, a -> SigningIdentity.generate(a, root, certifiedAt));
    }

    @Override
    public X509Certificate root() {
        return root.cert();
    }

    SigningIdentity rootIdentity() {
        return root;
    }
}
