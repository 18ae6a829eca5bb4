package vn.dancu.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import vn.dancu.credentials.VerifierThroughput;

/**
 * The credentials' part of {@code bench cards} (a section of {@code CardsBenchmark}, the same shape as
 * its chip checks): presentations of wallet credentials (what the QR code holds: an ID card
 * credential, two claims, the holder's Key Binding JWT) verified a second by the server's verifier,
 * against the bare ES256 and SHA-256 work of the same presentations in the same run. The status list
 * is in memory, as a verifier holds it once fetched: the figure is the verification, not a download.
 */
final class CredentialBenchmark {

    private CredentialBenchmark() {
    }

    /** The section of docs/benchmarks.md; {@code cards} is the chip checks' option and plays no part here. */
    static String section(int cards, int seconds, int threads) {
        VerifierThroughput.Rates rates = VerifierThroughput.measure(threads, Duration.ofSeconds(seconds));
        return String.format(Locale.ROOT, """
                        ## Credential verifications (`./dancu bench cards`)

                        %s, %d threads, %d cores seen by the JVM, JDK %s; 64 presentations of ID card credentials (SD-JWT VC, ES256,
                        holder-bound, `name` and `age_over_18` disclosed, a KB-JWT; %d characters each, the QR code's content), %d s per
                        measure after a 1 s warm-up.

                        | measure | per second |
                        |---|---:|
                        | verifications: issuer signature, typ/iss/vct, validity, disclosures in `_sd`, KB-JWT (signature, sd_hash, time, aud), status bit | %,.0f |
                        | bare cryptography: two ES256 verifications and three SHA-256 digests (nimbus-jose-jwt, JCA) | %,.0f |
                        | ratio verifications / bare | %.2f |

                        The verifier parses the issuer JWT and the KB-JWT as JSON and decodes every disclosure; the status list (2^20 entries)
                        was inflated once, as a verifier does once per fetched list.
                        """, LocalDate.now(), rates.threads(), Runtime.getRuntime().availableProcessors(), Runtime.version().feature(),
                rates.presentationLength(), seconds, rates.verifications(), rates.bareCryptography(), rates.ratio());
    }
}
