package vn.dancu.synthetic;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.core.io.ClassPathResource;
import vn.dancu.platform.Csv;

/**
 * Where synthetic people live and were registered: the bundled unit lists and the provinces'
 * populations (synthetic/provinces.csv, General Statistics Office estimates for 2023-2024,
 * in thousands, by pre-2025 province with the province it merged into).
 */
final class Geography {

    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    record Commune(String code, String name) {
    }

    record OldProvince(String code, String name, String issuingCode, long population, List<Commune> communes) {
    }

    record Province(String code, String name, String issuingCode, long population, List<OldProvince> members,
                    List<Commune> communes) {
    }

    private final List<Province> provinces = new ArrayList<>();
    private final double[] cumulative;
    private final List<OldProvince> oldWithCommunes = new ArrayList<>();

    Geography() {
        Map<String, String[]> oldUnits = new HashMap<>();
        Map<String, String[]> newUnits = new HashMap<>();
        Map<String, List<Commune>> oldCommunes = new HashMap<>();
        Map<String, List<Commune>> newCommunes = new HashMap<>();
        for (Csv.Record r : read("units/units.csv")) {
            boolean old = !r.get(6).isBlank();
            if (r.get(1).equals("PROVINCE")) {
                (old ? oldUnits : newUnits).put(r.get(0), new String[] {r.get(2), r.get(7)});
            } else {
                (old ? oldCommunes : newCommunes).computeIfAbsent(r.get(4), k -> new ArrayList<>()).add(new Commune(r.get(0), r.get(2)));
            }
        }
        Map<String, List<OldProvince>> members = new HashMap<>();
        for (Csv.Record r : read("synthetic/provinces.csv")) {
            String[] unit = oldUnits.get(r.get(0));
            OldProvince old = new OldProvince(r.get(0), unit[0], unit[1], Long.parseLong(r.get(2)),
                    oldCommunes.getOrDefault(r.get(0), List.of()));
            members.computeIfAbsent(r.get(1), k -> new ArrayList<>()).add(old);
            if (!old.communes().isEmpty()) {
                oldWithCommunes.add(old);
            }
        }
        members.keySet().stream().sorted().forEach(code -> {
            String[] unit = newUnits.get(code);
            List<OldProvince> olds = members.get(code);
            provinces.add(new Province(code, unit[0], unit[1], olds.stream().mapToLong(OldProvince::population).sum(),
                    olds, newCommunes.getOrDefault(code, List.of())));
        });
        cumulative = new double[provinces.size()];
        double total = provinces.stream().mapToLong(Province::population).sum();
        double running = 0;
        for (int i = 0; i < provinces.size(); i++) {
            running += provinces.get(i).population() / total;
            cumulative[i] = running;
        }
    }

    List<Province> provinces() {
        return provinces;
    }

    /** A province in proportion to its population. */
    Province pickProvince(SplittableRandom random) {
        double x = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return provinces.get(i);
            }
        }
        return provinces.getLast();
    }

    /** The old province (of those merged into {@code province}) where a birth before the reform was registered. */
    OldProvince pickOldProvince(Province province, SplittableRandom random) {
        List<OldProvince> candidates = province.members().stream().filter(o -> !o.communes().isEmpty()).toList();
        if (candidates.isEmpty()) {
            candidates = oldWithCommunes; // the shipped demo units lack old communes there: registered elsewhere
        }
        long total = candidates.stream().mapToLong(OldProvince::population).sum();
        long x = random.nextLong(total);
        for (OldProvince candidate : candidates) {
            x -= candidate.population();
            if (x < 0) {
                return candidate;
            }
        }
        return candidates.getLast();
    }

    private static List<Csv.Record> read(String resource) {
        List<Csv.Record> records = new ArrayList<>();
        try (Csv csv = new Csv(new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            csv.next(); // header
            for (Csv.Row row; (row = csv.next()) != null; ) {
                if (row instanceof Csv.Record r) {
                    records.add(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
