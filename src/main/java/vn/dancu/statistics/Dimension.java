package vn.dancu.statistics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import vn.dancu.platform.FieldErrors;

/**
 * The columns of an open table: which fact of docs/statistics.md it reads, which key of a figure
 * names the column, and how much one person can change the table (its sensitivity, for the noise).
 * A dimension with a fixed list of columns may be released with noise; one whose columns are the
 * values found in the data (ethnicity, religion, nationality) may not, because the list itself
 * would tell that someone with a rare value lives there.
 */
enum Dimension {

    SEX("sex", "population", 1, false, List.of("MALE", "FEMALE")),
    AGE("age", "population", 1, false, ageGroups()),
    SEX_AGE("sex-age", "population", 1, false, sexAndAge()),
    ETHNICITY("ethnicity", "ethnicity", 1, false, null),
    RELIGION("religion", "religion", 1, false, null),
    NATIONALITY("nationality", "nationality", 1, false, null),
    MARITAL("marital", "marital", 1, false, List.of("SINGLE", "MARRIED", "DIVORCED", "WIDOWED")),
    /** A person holds at most one residence of each of the five kinds at once. */
    RESIDENCE("residence", "residence", 5, false, List.of("PERMANENT", "TEMPORARY", "CURRENT", "STAY_NOTIFICATION", "TEMPORARY_ABSENCE")),
    /** Households by living members: a person who joins or leaves moves one household from one size to the next. */
    HOUSEHOLD_SIZE("household-size", "households", 2, false, List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10+")),
    BIRTHS("births", "births", 1, true, null),
    DEATHS("deaths", "deaths", 1, true, null),
    /** Rows: the province of origin; columns: the province of destination; the nation only. */
    MOVES("moves", "moves", 1, true, null);

    static final int MAX_MONTHS = 36;

    final String name;
    final String fact;
    private final int sensitivity;
    final boolean byMonth;
    private final List<String> columns;

    Dimension(String name, String fact, int sensitivity, boolean byMonth, List<String> columns) {
        this.name = name;
        this.fact = fact;
        this.sensitivity = sensitivity;
        this.byMonth = byMonth;
        this.columns = columns;
    }

    static Optional<Dimension> named(String name) {
        return Arrays.stream(values()).filter(d -> d.name.equals(name)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(d -> d.name).toList();
    }

    /** Whether the table may be released with noise: its columns do not depend on the data. */
    boolean noisy() {
        return columns != null || this == BIRTHS || this == DEATHS || this == MOVES;
    }

    /**
     * How much one person changes the table (L1): a person born, dying or moving once a month at
     * most counts once per month of a monthly table; the others as documented on the constants.
     */
    int sensitivity(List<YearMonth> months) {
        return this == MOVES ? Math.max(1, months.size()) : sensitivity;
    }

    /** The fixed columns; null where they are the values found (ethnicity, religion, nationality). */
    List<String> fixedColumns(List<YearMonth> months) {
        if (this == BIRTHS || this == DEATHS) {
            return months.stream().map(YearMonth::toString).toList();
        }
        return columns;
    }

    /** The column a figure counts in; null when it lies outside the table (another month). */
    String column(Statistics.Figure f, List<YearMonth> months) {
        return switch (this) {
            case SEX, ETHNICITY, RELIGION, NATIONALITY, MARITAL, RESIDENCE, HOUSEHOLD_SIZE -> f.k1();
            case AGE -> f.k2();
            case SEX_AGE -> f.k1() + " " + f.k2();
            case BIRTHS, DEATHS -> months.contains(parse(f.k1())) ? f.k1() : null;
            case MOVES -> months.contains(parse(f.k2())) ? f.k1() : null;
        };
    }

    private static YearMonth parse(String month) {
        return FieldErrors.isoMonth(month).orElse(null);
    }

    private static List<String> ageGroups() {
        List<String> groups = new ArrayList<>(IntStream.range(0, 20).mapToObj(i -> String.format("%02d-%02d", i * 5, i * 5 + 4)).toList());
        groups.add("100+");
        return List.copyOf(groups);
    }

    private static List<String> sexAndAge() {
        return List.of("MALE", "FEMALE").stream().flatMap(s -> ageGroups().stream().map(a -> s + " " + a)).toList();
    }
}
