package vn.dancu.procedures.appendix;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.dancu.platform.ApiProblem;

/**
 * The numbers the police hand out on approval: motorbike plates (procedure 7) and passports
 * (procedure 12), each unique ({@code procedures.plate_number}, {@code procedures.passport_number}).
 *
 * <p>A plate is {@code PP-SN NNN.NN}: the province's plate code (Circular 79/2024/TT-BCA, Annex; for a
 * province merged in 2025, the code of the province whose name it keeps), a series of one letter and one
 * digit (A1, A2, ... Z9, the letters plates use), and a serial from 000.01 to 999.99, allocated in turn
 * per province.
 */
@Repository
class PoliceNumbers {

    /** The plate code of each province in force (Decision 19/2025 codes). */
    static final Map<String, String> PLATE_CODES = Map.ofEntries(
            Map.entry("01", "29"), Map.entry("04", "11"), Map.entry("08", "22"), Map.entry("11", "27"), Map.entry("12", "25"),
            Map.entry("14", "26"), Map.entry("15", "24"), Map.entry("19", "20"), Map.entry("20", "12"), Map.entry("22", "14"),
            Map.entry("24", "99"), Map.entry("25", "19"), Map.entry("31", "15"), Map.entry("33", "89"), Map.entry("37", "35"),
            Map.entry("38", "36"), Map.entry("40", "37"), Map.entry("42", "38"), Map.entry("44", "74"), Map.entry("46", "75"),
            Map.entry("48", "43"), Map.entry("51", "76"), Map.entry("52", "81"), Map.entry("56", "79"), Map.entry("66", "47"),
            Map.entry("68", "49"), Map.entry("75", "60"), Map.entry("79", "59"), Map.entry("80", "70"), Map.entry("82", "66"),
            Map.entry("86", "64"), Map.entry("91", "67"), Map.entry("92", "65"), Map.entry("96", "69"));

    /** The letters of plate series: the Latin alphabet without I, J, O, Q, R and W, which plates do not use. */
    static final List<Character> SERIES_LETTERS = "ABCDEFGHKLMNPSTUVXYZ".chars().mapToObj(c -> (char) c).toList();
    static final int LAST_SERIAL = 99_999;

    private final JdbcClient jdbc;

    PoliceNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next plate of the province {@code provinceCode} for the vehicle {@code chassisNumber}, recorded for
     * the application. Allocations in one province wait for each other (a lock held to the end of the
     * transaction). Refused with {@code CHASSIS_REGISTERED} for a vehicle that already has a plate.
     */
    String allocatePlate(String provinceCode, String chassisNumber, String applicationCode, Instant at) {
        String code = PLATE_CODES.get(provinceCode);
        if (code == null) {
            throw ApiProblem.conflict("NO_PLATE_CODE", "Province " + provinceCode + " has no plate code");
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('dancu.plate.' || ?))").param(code).query(Object.class).single();
        if (plateOf(chassisNumber).isPresent()) {
            throw ApiProblem.invalidField("chassisNumber", "CHASSIS_REGISTERED", "A vehicle with this chassis number has a plate already");
        }
        var last = jdbc.sql("""
                        select series, serial from procedures.plate_number where province_code = ?
                        order by series desc, serial desc limit 1""")
                .param(code).query((rs, n) -> new Object[] {rs.getString("series"), rs.getInt("serial")}).optional();
        String series = last.map(l -> (String) l[0]).orElse("A1");
        int serial = last.map(l -> (Integer) l[1] + 1).orElse(1);
        if (serial > LAST_SERIAL) {
            series = nextSeries(series);
            serial = 1;
        }
        String number = format(code, series, serial);
        jdbc.sql("""
                        insert into procedures.plate_number (number, province_code, series, serial, chassis_number, application_code, allocated_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(number, code, series, serial, chassisNumber, applicationCode, Timestamp.from(at)).update();
        return number;
    }

    Optional<String> plateOf(String chassisNumber) {
        return jdbc.sql("select number from procedures.plate_number where chassis_number = ?").param(chassisNumber)
                .query(String.class).optional();
    }

    /** The next passport number: P and seven digits (ICAO 9303 allows up to nine characters). */
    String nextPassportNumber() {
        return "P%07d".formatted(jdbc.sql("select nextval('procedures.passport_number')").query(Long.class).single());
    }

    static String format(String code, String series, int serial) {
        return "%s-%s %03d.%02d".formatted(code, series, serial / 100, serial % 100);
    }

    /** A1 … A9, then B1 … Z9. */
    static String nextSeries(String series) {
        int digit = series.charAt(1) - '0';
        if (digit < 9) {
            return "" + series.charAt(0) + (digit + 1);
        }
        int letter = SERIES_LETTERS.indexOf(series.charAt(0));
        if (letter + 1 >= SERIES_LETTERS.size()) {
            throw ApiProblem.conflict("PLATES_EXHAUSTED", "The province's plate series are used up");
        }
        return SERIES_LETTERS.get(letter + 1) + "1";
    }
}
