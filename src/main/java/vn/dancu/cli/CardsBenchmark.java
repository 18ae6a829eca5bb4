package vn.dancu.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import vn.dancu.cards.ChipWorkload;

/**
 * {@code bench cards}: chip checks per second (passive authentication and reading the groups, as
 * {@code POST /api/v1/exchange/cards/chip-checks} does before the registry) against the bare
 * cryptography on the same cards in the same run (one ECDSA verification and the group hashes, JCA
 * directly), both on the same number of threads (2: the two cores of the reference machine).
 * Needs no platform: the check is pure computation, and its registry half is the QR check's.
 *
 * <p>Credential verifications per second ({@link CredentialBenchmark}) are the suite's second section.
 */
final class CardsBenchmark {

    static final double TARGET_PER_SECOND = 500;
    static final double TARGET_RATIO = 0.5;

    private record Rate(long operations, double seconds) {
        double perSecond() {
            return operations / seconds;
        }
    }

    private CardsBenchmark() {
    }

    static int run(Map<String, String> options) {
        int cards = Integer.parseInt(options.getOrDefault("cards", "200"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
        try {
            StringBuilder report = new StringBuilder();
            for (Section section : sections()) {
                report.append(section.measure(cards, seconds, threads)).append('\n');
            }
            BenchmarkDoc.replace(out, "cards", report.toString());
            System.out.println(report);
            System.err.println("Written to " + out);
            return 0;
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            return 1;
        }
    }

    /** One part of the suite's section of docs/benchmarks.md. */
    interface Section {
        String measure(int cards, int seconds, int threads) throws Exception;
    }

    /** The suite's parts, in order: chip checks, then the credentials' verifier. */
    static List<Section> sections() {
        return List.of(CardsBenchmark::chips, CredentialBenchmark::section);
    }

    static String chips(int cards, int seconds, int threads) throws InterruptedException {
        System.err.printf("Making %d chip images signed by a test CSCA...%n", cards);
        ChipWorkload workload = ChipWorkload.generate(cards, 15);
        Duration warm = Duration.ofSeconds(Math.max(2, seconds / 3));
        measure(workload::inspect, workload.size(), threads, warm);
        measure(workload::bare, workload.size(), threads, warm);
        Rate bare = measure(workload::bare, workload.size(), threads, Duration.ofSeconds(seconds));
        Rate checks = measure(workload::inspect, workload.size(), threads, Duration.ofSeconds(seconds));
        double ratio = checks.perSecond() / bare.perSecond();
        return String.format("""
                        ## Chip checks (`./dancu bench cards`)

                        %s, %d threads, %d cores seen by the JVM, JDK %s; %d genuine chip images of generated holders (%,d bytes each:
                        EF.SOD, DG1, a %s DG2, DG13, DG14, DG15), signed by a test CSCA (ECDSA P-256, SHA-256), %d s per measure after a warm-up.

                        | measure | per second | target |
                        |---|---:|---|
                        | chip checks: passive authentication with the trust store (CSCA, CRL), the MRZ, DG13, DG14, DG15 | %,.0f | ≥ %,.0f %s |
                        | bare cryptography: the SOD's ECDSA signature and the SHA-256 of every group (JCA) | %,.0f | |
                        | ratio checks / bare | %.2f | ≥ %.1f %s |

                        A check reads EF.SOD (BouncyCastle's CMS and ICAO LDS security object, one parse), verifies its signature as
                        RFC 5652 says (the message-digest attribute, then the signature over the signed attributes), hashes every group,
                        checks the DSC against the trust store (its certificate against the CSCA once per snapshot: a DSC signs many
                        thousands of cards), the revocation list, the MRZ's check digits, and parses DG1, DG13, DG14 and DG15. DG2 is
                        hashed, not decoded: it is decoded only for a face match, whose engine's cost is its own. The registry
                        comparison and the receipt (a database read and one ES256 signature per answer) are not in these figures.
                        """, LocalDate.now(), threads, Runtime.getRuntime().availableProcessors(), Runtime.version().feature(), workload.size(),
                workload.bytesPerCard(), "JPEG", seconds, checks.perSecond(), TARGET_PER_SECOND,
                checks.perSecond() >= TARGET_PER_SECOND ? "✓" : "✗", bare.perSecond(), ratio, TARGET_RATIO,
                ratio >= TARGET_RATIO ? "✓" : "✗");
    }

    /** {@code threads} workers calling {@code work} on cards in turn for {@code duration}. */
    private static Rate measure(IntConsumer work, int size, int threads, Duration duration) throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = offset; !stop.get(); i++) {
                        work.accept(i % size);
                        done.increment();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    finished.countDown();
                }
            });
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        finished.await();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("A benchmark worker failed", failures.getFirst());
        }
        return new Rate(done.sum(), (System.nanoTime() - start) / 1e9);
    }
}
