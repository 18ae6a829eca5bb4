package vn.dancu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/benchmarks.md holds one section per suite between markers, so that running one suite
 * replaces its own figures and leaves the other suites' figures and the hand-written analysis.
 */
final class BenchmarkDoc {

    private BenchmarkDoc() {
    }

    static void replace(Path doc, String suite, String section) throws IOException {
        String start = "<!-- bench:" + suite + " -->";
        String end = "<!-- /bench:" + suite + " -->";
        String block = start + "\n" + section.strip() + "\n" + end;
        String existing = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
        int from = existing.indexOf(start);
        int to = existing.indexOf(end);
        String updated;
        if (from >= 0 && to > from) {
            updated = existing.substring(0, from) + block + existing.substring(to + end.length());
        } else {
            int analysis = existing.indexOf("\n## What limits");
            updated = analysis < 0 ? existing.stripTrailing() + "\n\n" + block + "\n"
                    : existing.substring(0, analysis).stripTrailing() + "\n\n" + block + "\n" + existing.substring(analysis);
        }
        Files.createDirectories(doc.toAbsolutePath().getParent());
        Files.writeString(doc, updated);
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB max heap, Java " + Runtime.version() + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", embedded PostgreSQL 17";
    }
}
