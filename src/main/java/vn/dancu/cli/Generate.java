package vn.dancu.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import vn.dancu.synthetic.SyntheticPopulation;

/** {@code generate}: writes a synthetic person file. */
final class Generate {

    static final long MAX_COUNT = 100_000_000L;

    private Generate() {
    }

    static int run(Map<String, String> options) {
        long count;
        long seed;
        LocalDate asOf;
        try {
            count = Long.parseLong(options.getOrDefault("count", ""));
            seed = Long.parseLong(options.getOrDefault("seed", "1"));
            asOf = LocalDate.parse(options.getOrDefault("as-of", SyntheticPopulation.DEFAULT_REFERENCE.toString()));
        } catch (RuntimeException e) {
            return Commands.usageError("generate needs --count N (1 to 100,000,000), an optional numeric --seed and --as-of yyyy-MM-dd");
        }
        if (asOf.isBefore(LocalDate.of(2025, 7, 1)) || asOf.isAfter(LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")))) {
            return Commands.usageError("--as-of must lie between 2025-07-01 (the reform: residences use today's communes) and today");
        }
        if (count < 1 || count > MAX_COUNT || !options.containsKey("out")) {
            return Commands.usageError("generate needs --count N (1 to 100,000,000) and --out FILE.csv");
        }
        Path out = Path.of(options.get("out"));
        long start = System.nanoTime();
        try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 20)) {
            long households = new SyntheticPopulation(seed, asOf).write(count, writer);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("Wrote %,d persons in %,d households to %s in %.1f s%n", count, households, out, seconds);
            return 0;
        } catch (IOException e) {
            System.err.println("Cannot write " + out + ": " + e.getMessage());
            return 1;
        }
    }
}
