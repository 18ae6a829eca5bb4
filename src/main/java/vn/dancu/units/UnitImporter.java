package vn.dancu.units;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.Csv;
import vn.dancu.platform.FieldErrors;

/**
 * Loads unit lists in the format of docs/units-format.md. Unit data must be consistent as a
 * whole (a commune without its province would break every address below it), so an import with
 * any wrong row changes nothing and reports every wrong row.
 */
@Component
public class UnitImporter {

    private static final List<String> UNIT_HEADER =
            List.of("code", "level", "name", "type", "parent_code", "valid_from", "valid_to", "id_issuing_code");
    private static final List<String> SUCCESSION_HEADER = List.of("level", "old_code", "new_code", "effective_date");

    record UnitRow(long line, String code, String level, String name, String type, String parentCode,
                   LocalDate validFrom, LocalDate validTo, String idIssuingCode) {

        LocalDate referenceDate() {
            return validFrom != null ? validFrom : validTo != null ? validTo : LocalDate.now();
        }
    }

    /** The outcome: how many rows were taken, or every error with file and line. */
    public record Result(int units, int successions, List<String> errors) {
    }

    private final UnitRepository repository;

    UnitImporter(UnitRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public Result importCsv(Reader unitsCsv, Reader successionsCsv) throws IOException {
        List<String> errors = new ArrayList<>();
        List<UnitRow> rows = readUnits(unitsCsv, errors);
        if (!errors.isEmpty()) {
            return new Result(0, 0, errors);
        }
        Map<String, List<Version>> written = new HashMap<>();
        for (AdministrativeUnit existing : repository.findAll()) {
            written.computeIfAbsent(UnitCatalog.key(existing.level(), existing.code()), k -> new ArrayList<>())
                    .add(new Version(existing.id(), existing.validFrom(), existing.validTo()));
        }
        refuseOverlaps(rows, written, errors);
        if (!errors.isEmpty()) {
            return new Result(0, 0, errors);
        }
        rows.sort(Comparator.comparing((UnitRow r) -> !r.level().equals(AdministrativeUnit.PROVINCE)));
        for (UnitRow row : rows) {
            Long parentId = null;
            if (row.parentCode() != null) {
                Optional<Long> parent = find(written, AdministrativeUnit.PROVINCE, row.parentCode(), row.referenceDate());
                if (parent.isEmpty()) {
                    errors.add("units line " + row.line() + ": no province " + row.parentCode() + " valid on "
                            + row.referenceDate());
                    continue;
                }
                parentId = parent.get();
            }
            long id = repository.upsert(row, parentId);
            written.computeIfAbsent(UnitCatalog.key(row.level(), row.code()), k -> new ArrayList<>())
                    .add(new Version(id, row.validFrom(), row.validTo()));
        }
        int successions = successionsCsv == null ? 0 : importSuccessions(successionsCsv, written, errors);
        if (!errors.isEmpty()) {
            org.springframework.transaction.interceptor.TransactionAspectSupport.currentTransactionStatus()
                    .setRollbackOnly();
            return new Result(0, 0, errors);
        }
        return new Result(rows.size(), successions, errors);
    }

    /** Two versions of one code may not be in force on the same day: a code must name one unit at a time. */
    private static void refuseOverlaps(List<UnitRow> rows, Map<String, List<Version>> stored, List<String> errors) {
        Map<String, List<UnitRow>> byKey = new HashMap<>();
        rows.forEach(r -> byKey.computeIfAbsent(UnitCatalog.key(r.level(), r.code()), k -> new ArrayList<>()).add(r));
        byKey.forEach((key, fileRows) -> {
            List<LocalDate[]> periods = new ArrayList<>();
            for (Version v : stored.getOrDefault(key, List.of())) {
                boolean rewritten = fileRows.stream().anyMatch(r -> java.util.Objects.equals(r.validFrom(), v.validFrom()));
                if (!rewritten) {
                    periods.add(new LocalDate[] {v.validFrom(), v.validTo()});
                }
            }
            for (UnitRow row : fileRows) {
                for (LocalDate[] p : periods) {
                    if (overlap(row.validFrom(), row.validTo(), p[0], p[1])) {
                        errors.add("units line " + row.line() + ": " + row.level() + " " + row.code()
                                + " would be in force twice on the same days");
                    }
                }
                periods.add(new LocalDate[] {row.validFrom(), row.validTo()});
            }
        });
    }

    private static boolean overlap(LocalDate from1, LocalDate to1, LocalDate from2, LocalDate to2) {
        LocalDate min = LocalDate.MIN;
        LocalDate max = LocalDate.MAX;
        return !(to1 == null ? max : to1).isBefore(from2 == null ? min : from2)
                && !(to2 == null ? max : to2).isBefore(from1 == null ? min : from1);
    }

    private record Version(long id, LocalDate validFrom, LocalDate validTo) {
        boolean validOn(LocalDate date) {
            return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
        }
    }

    /** The newest version (the file's, when it rewrote one) valid on {@code date}. */
    private static Optional<Long> find(Map<String, List<Version>> known, String level, String code, LocalDate date) {
        List<Version> versions = known.getOrDefault(UnitCatalog.key(level, code), List.of());
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).validOn(date)) {
                return Optional.of(versions.get(i).id());
            }
        }
        return Optional.empty();
    }

    private List<UnitRow> readUnits(Reader in, List<String> errors) throws IOException {
        List<UnitRow> rows = new ArrayList<>();
        try (Csv csv = new Csv(in)) {
            if (!header(csv, UNIT_HEADER, "units", errors)) {
                return rows;
            }
            for (Csv.Row row; (row = csv.next()) != null; ) {
                switch (row) {
                    case Csv.Malformed bad -> errors.add("units line " + bad.line() + ": " + bad.reason());
                    case Csv.Record r when r.fields().stream().anyMatch(f -> f.indexOf('\uFFFD') >= 0) ->
                            errors.add("units line " + r.line() + ": not valid UTF-8 (save the file as UTF-8)");
                    case Csv.Record r -> parseUnit(r, errors).ifPresent(rows::add);
                }
            }
        }
        return rows;
    }

    private static Optional<UnitRow> parseUnit(Csv.Record r, List<String> errors) {
        String where = "units line " + r.line() + ": ";
        if (r.fields().size() != UNIT_HEADER.size()) {
            errors.add(where + "expected " + UNIT_HEADER.size() + " fields, found " + r.fields().size());
            return Optional.empty();
        }
        String code = r.get(0).strip();
        String level = r.get(1).strip();
        String name = r.get(2).strip();
        String type = r.get(3).strip();
        String parent = blankToNull(r.get(4));
        String issuing = blankToNull(r.get(7));
        int before = errors.size();
        if (level.equals(AdministrativeUnit.PROVINCE) && !code.matches("[0-9]{2}")
                || level.equals(AdministrativeUnit.COMMUNE) && !code.matches("[0-9]{5}")) {
            errors.add(where + "a province code has 2 digits, a commune code 5");
        }
        if (!level.equals(AdministrativeUnit.PROVINCE) && !level.equals(AdministrativeUnit.COMMUNE)) {
            errors.add(where + "level must be PROVINCE or COMMUNE");
        }
        if (name.isEmpty() || type.isEmpty()) {
            errors.add(where + "name and type are required");
        }
        if (level.equals(AdministrativeUnit.COMMUNE) && parent == null) {
            errors.add(where + "a commune needs parent_code");
        }
        if (issuing != null && !issuing.matches("[0-9]{3}")) {
            errors.add(where + "id_issuing_code must be 3 digits");
        }
        LocalDate from = date(r.get(5), where + "valid_from", errors);
        LocalDate to = date(r.get(6), where + "valid_to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(where + "valid_to is before valid_from");
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new UnitRow(r.line(), code, level, name, type, parent, from, to, issuing));
    }

    private int importSuccessions(Reader in, Map<String, List<Version>> written, List<String> errors) throws IOException {
        int count = 0;
        try (Csv csv = new Csv(in)) {
            if (!header(csv, SUCCESSION_HEADER, "successions", errors)) {
                return 0;
            }
            for (Csv.Row row; (row = csv.next()) != null; ) {
                if (row instanceof Csv.Malformed bad) {
                    errors.add("successions line " + bad.line() + ": " + bad.reason());
                    continue;
                }
                Csv.Record r = (Csv.Record) row;
                String where = "successions line " + r.line() + ": ";
                LocalDate effective = date(r.get(3), where + "effective_date", errors);
                if (r.fields().size() != SUCCESSION_HEADER.size() || effective == null) {
                    errors.add(where + "expected level,old_code,new_code,effective_date");
                    continue;
                }
                String level = r.get(0).strip();
                Optional<Long> oldId = find(written, level, r.get(1).strip(), effective.minusDays(1));
                Optional<Long> newId = find(written, level, r.get(2).strip(), effective);
                if (oldId.isEmpty() || newId.isEmpty()) {
                    errors.add(where + (oldId.isEmpty() ? "no " + level + " " + r.get(1) + " valid on " + effective.minusDays(1)
                            : "no " + level + " " + r.get(2) + " valid on " + effective));
                    continue;
                }
                repository.upsertSuccession(oldId.get(), newId.get(), effective);
                count++;
            }
        }
        return count;
    }

    private static boolean header(Csv csv, List<String> expected, String file, List<String> errors) throws IOException {
        if (!Csv.isHeader(csv.next(), expected)) {
            errors.add(file + " line 1: the header must be " + String.join(",", expected));
            return false;
        }
        return true;
    }

    private static LocalDate date(String value, String field, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return FieldErrors.isoDate(value).orElseGet(() -> {
            errors.add(field + " is not a date (yyyy-MM-dd)");
            return null;
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
