package vn.dancu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/benchmarks.md holds one section per suite between markers, so that running one suite
 * replaces its own figures and leaves the other suites' figures and the hand-written analysis.
 */
final class BenchmarkDoc {

    private BenchmarkDoc() {
    }

    /** What a suite measures on the platform it is given; returns its section of the document. */
    interface Suite {
        String measure(ConfigurableApplicationContext context, Path work) throws Exception;
    }

    /**
     * Starts the platform on a fresh embedded database in a temporary directory (a benchmark writes
     * synthetic data), runs the suite, and replaces its section of {@code out}.
     */
    static int run(Class<?> application, Path out, String suite, List<String> extraArgs, Suite body) {
        try {
            Path work = Files.createTempDirectory("dancu-bench-");
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--dancu.demo=false", "--dancu.db.url=",
                    "--dancu.data-dir=" + work.resolve("data"), "--logging.level.root=WARN"));
            args.addAll(extraArgs);
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.SERVLET).run(args.toArray(String[]::new))) {
                String report = withMemory(body.measure(context, work), Profile.of(context, suite).memory());
                replace(out, suite, report);
                System.out.println(report);
                System.err.println("Written to " + out);
            }
            return 0;
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            return 1;
        }
    }

    /** Deliverable 8: every suite states the resident size of each process at the end of its run, under its heading. */
    static String withMemory(String report, String memory) {
        String text = report.strip();
        int heading = text.indexOf('\n');
        String line = "\n\nResident at the end of the run: " + memory + ".";
        return heading < 0 ? text + line : text.substring(0, heading) + line + text.substring(heading);
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
