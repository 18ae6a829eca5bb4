package vn.dancu.procedures.results;

import java.security.cert.X509Certificate;

/**
 * Where the keys that sign results come from, and the root they chain to. {@link AgencyKeys} is the platform's own;
 * keys certified by the Government Cipher Committee's CA, or held in an HSM, would come in through this interface.
 */
public interface CertificationAuthority {

    /** The key and certificate chain the agency signs with now. */
    SigningIdentity identity(String agency);

    /** The trust anchor results are verified against. */
    X509Certificate root();
}
