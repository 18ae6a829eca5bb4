package vn.dancu.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from wrk, a separate process, so that the load generator does not take the
 * platform's CPU inside its own JVM. Each run is preceded by a warm-up of the same requests.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    /** Printed by the scripts' done(): wrk's own report stops at p90 and p99, and names no failed status. */
    private static final Pattern P95 = Pattern.compile("^P95 ([0-9]+)$", Pattern.MULTILINE);
    private static final String DONE = """
            local threads = {}
            setup = function(thread) table.insert(threads, thread) end
            init = function(args) failed = {} end
            response = function(status, headers, body)
              if status >= 300 then failed[status] = (failed[status] or 0) + 1 end
            end
            done = function(summary, latency, requests)
              io.write(string.format("P95 %d\\n", latency:percentile(95)))
              for _, thread in ipairs(threads) do
                for status, count in pairs(thread:get("failed")) do
                  io.write(string.format("STATUS %d %d\\n", status, count))
                end
              end
            end
            """;
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    private final Path executable;
    private final Path work;
    private Profile profile;
    private String round;

    private Wrk(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    static Wrk find(Path work) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return new Wrk(candidate, work);
            }
        }
        return null;
    }

    /** Profiles the measured part (after the warm-up) of the next run or post as {@code round} (cli.Profile). */
    Wrk profiling(Profile profile, String round) {
        this.profile = profile;
        this.round = round;
        return this;
    }

    RegistryBenchmark.Latencies run(String url, String cookie, List<String> paths, int concurrency, int seconds)
            throws IOException, InterruptedException {
        Path list = Files.createTempFile(work, "paths-", ".txt");
        Files.write(list, paths, StandardCharsets.UTF_8);
        Path script = Files.createTempFile(work, "requests-", ".lua");
        Files.writeString(script, """
                local paths = {}
                for line in io.lines("%s") do paths[#paths + 1] = line end
                request = function()
                  return wrk.format("GET", paths[math.random(#paths)], {["Cookie"] = "%s", ["X-Purpose"] = "benchmark"})
                end
                """.formatted(list, cookie) + DONE);
        return measure(url, script, concurrency, seconds);
    }

    /** POSTs of JSON bodies (one per line, chosen at random) to one path with a bearer token. */
    RegistryBenchmark.Latencies post(String url, String token, String path, List<String> bodies, int concurrency, int seconds)
            throws IOException, InterruptedException {
        Path list = Files.createTempFile(work, "bodies-", ".jsonl");
        Files.write(list, bodies, StandardCharsets.UTF_8);
        Path script = Files.createTempFile(work, "requests-", ".lua");
        Files.writeString(script, """
                local bodies = {}
                for line in io.lines("%s") do bodies[#bodies + 1] = line end
                local headers = {["Authorization"] = "Bearer %s", ["Content-Type"] = "application/json"}
                request = function()
                  return wrk.format("POST", "%s", headers, bodies[math.random(#bodies)])
                end
                """.formatted(list, token, path) + DONE);
        return measure(url, script, concurrency, seconds);
    }

    private RegistryBenchmark.Latencies measure(String url, Path script, int concurrency, int seconds)
            throws IOException, InterruptedException {
        wrk(url, script, concurrency, RegistryBenchmark.WARMUP_SECONDS);
        Profile profiled = profile;
        profile = null;
        Profile.Round measured = profiled == null ? null : profiled.start(round);
        String output = wrk(url, script, concurrency, seconds);
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException("some requests failed:\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + output);
        }
        double perSecond = Double.parseDouble(rate.group(1));
        double p50 = 0;
        double p99 = 0;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            if (percentile.group(1).equals("50")) {
                p50 = value;
            } else {
                p99 = value;
            }
        }
        Matcher p95 = P95.matcher(output);
        double p95ms = p95.find() ? Long.parseLong(p95.group(1)) / 1000.0 : Double.NaN;
        RegistryBenchmark.Latencies latencies = new RegistryBenchmark.Latencies(Math.round(perSecond * seconds), seconds, p50, p95ms, p99);
        if (measured != null) {
            profiled.stop(measured, latencies.count());
        }
        return latencies;
    }

    private String wrk(String url, Path script, int concurrency, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable.toString(), "-t" + Math.min(2, concurrency), "-c" + concurrency,
                "-d" + seconds + "s", "--latency", "-s", script.toString(), url).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }
}
