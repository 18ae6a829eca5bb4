package vn.dancu.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The one way pages write dates and times: day first, {@code dd/MM/yyyy} and {@code dd/MM/yyyy HH:mm}
 * in Vietnam's time zone, in Vietnamese and in English alike. English keeps the Vietnamese order
 * because the papers a reader compares a page with (the ID card, birth certificates, the signed
 * results) print it so; one order on both sides means no 03/04 read two ways.
 */
public final class Dates {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VIETNAM);
    private static final Pattern ISO_DAY = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

    private Dates() {
    }

    public static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    /** The day of a moment in Vietnam. */
    public static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(VIETNAM));
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A recorded text (a value of the change history) with its ISO days written as pages write them. */
    public static String inText(String text) {
        return text == null ? null : ISO_DAY.matcher(text).replaceAll("$3/$2/$1");
    }
}
