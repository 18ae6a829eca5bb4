package vn.dancu.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code bench soak} found, and whether it passed: no error in any flow, {@code audit verify} intact, and
 * the access-log rows written since the start equal, actor by actor, the reads counted from the answers (no
 * actor missing, none extra).
 */
record SoakReport(String command, String machine, double seconds, String warmup, List<Flow> flows, Map<String, Long> expected,
                  Map<String, Long> found, List<Usage> usage, int auditExit, String auditSummary) {

    /** One flow: how often it was started, the HTTP requests it made, its latency (a whole flow) and its failures. */
    record Flow(String name, String rate, long started, long requests, double p50ms, double p99ms, long errors) {
    }

    /** One process (or group of them): CPU seconds used during the load, and its resident memory at the end. */
    record Usage(String name, double cpuSeconds, double residentMiB, String memoryKind) {
    }

    boolean passed() {
        return errors() == 0 && auditExit == 0 && new TreeMap<>(expected).equals(new TreeMap<>(found));
    }

    long errors() {
        return flows.stream().mapToLong(Flow::errors).sum();
    }

    /** The actors whose rows differ from the reads counted, with both figures, in name order. */
    List<String> mismatches() {
        TreeSet<String> actors = new TreeSet<>(expected.keySet());
        actors.addAll(found.keySet());
        return actors.stream().filter(a -> expected.getOrDefault(a, 0L).longValue() != found.getOrDefault(a, 0L).longValue())
                .map(a -> a + ": " + expected.getOrDefault(a, 0L) + " reads counted, " + found.getOrDefault(a, 0L) + " rows").toList();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("## Soak: two nodes behind nginx\n\n");
        out.append(String.format(Locale.ROOT, "Command: `%s` (%s). Two platform nodes (child JVMs, -Xmx1g each) on one embedded"
                + " PostgreSQL behind nginx (`proxy_next_upstream error;` only), all flows at once at fixed open-loop rates from"
                + " one Java driver (JDK HttpClient, virtual threads) in the bench JVM, after %s; after %.0f s it stops issuing and"
                + " waits for every request in flight.%n%n", command, machine, warmup, seconds));
        out.append(String.format(Locale.ROOT, "**%s**: %d errors, `audit verify` %s, access-log rows %s the reads counted.%n%n",
                passed() ? "PASSED" : "FAILED", errors(), auditExit == 0 ? "intact" : "exit " + auditExit,
                mismatches().isEmpty() ? "equal to" : "differ from"));
        out.append("| flow | rate | started | HTTP requests | p50 ms | p99 ms | errors |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Flow f : flows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.1f | %.1f | %d |%n", f.name(), f.rate(), f.started(),
                    f.requests(), f.p50ms(), f.p99ms(), f.errors()));
        }
        out.append("\n| actor | reads counted from the answers | access-log rows |\n|---|---:|---:|\n");
        TreeSet<String> actors = new TreeSet<>(expected.keySet());
        actors.addAll(found.keySet());
        for (String actor : actors) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d |%n", actor, expected.getOrDefault(actor, 0L),
                    found.getOrDefault(actor, 0L)));
        }
        out.append("\n| process | CPU s during the load | share of one core | memory MiB |\n|---|---:|---:|---:|\n");
        for (Usage u : usage) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f%% | %.0f (%s) |%n", u.name(), u.cpuSeconds(),
                    seconds > 0 ? 100 * u.cpuSeconds() / seconds : 0, u.residentMiB(), u.memoryKind()));
        }
        out.append("\n`audit verify`: ").append(auditSummary.isBlank() ? "(no output)" : auditSummary.strip()).append('\n');
        return out.toString();
    }
}
