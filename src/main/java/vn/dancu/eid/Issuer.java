package vn.dancu.eid;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The provider's issuer identifier: one configured value ({@code dancu.oidc.issuer}, by default
 * {@code dancu.public-url}), never the host name a client happened to use. Relying parties compare
 * the {@code iss} of every token and authorization response with the issuer they discovered, so a
 * per-request issuer made the same provider look like two providers to clients calling it by two
 * names. Read on first use rather than at start: a test server listening on a random port names
 * its issuer with {@code ${local.server.port}}, which is known only once it listens.
 */
@Component
class Issuer {

    private final Environment env;
    private volatile String value;

    Issuer(Environment env) {
        this.env = env;
        String configured;
        try {
            configured = configured();
        } catch (IllegalArgumentException notYetKnown) {
            return;
        }
        // A bad value stops the start instead of the first login.
        value = checked(configured);
    }

    String value() {
        String known = value;
        if (known == null) {
            known = checked(configured());
            value = known;
        }
        return known;
    }

    private String configured() {
        String configured = env.getProperty("dancu.oidc.issuer", "");
        return configured.isBlank() ? env.getProperty("dancu.public-url", "http://localhost:8080") : configured;
    }

    private static String checked(String configured) {
        String issuer = configured.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("dancu.oidc.issuer is not a URL: " + issuer, e);
        }
        // RFC 8414, section 2: an https (here also http, for development) URL without query or fragment.
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("dancu.oidc.issuer must be an http(s) URL without query or fragment: " + issuer);
        }
        return issuer;
    }
}
