package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    /** Tết 2026 as decided (16-20 February off), and a Saturday worked in exchange, as in 2025. */
    private final WorkingCalendar calendar = WorkingCalendar.of(List.of(
            day("2026-02-16"), day("2026-02-17"), day("2026-02-18"), day("2026-02-19"), day("2026-02-20"),
            new WorkingCalendar.CalendarDay(LocalDate.parse("2026-03-07"), "WORKING_DAY", "Làm bù", "Worked")), Clock.systemUTC());

    @Test
    void theLunarNewYearIsNotCounted() {
        // lodged on the Friday before Tết with one working day: due on the Monday after it
        assertThat(due("2026-02-13T10:00", 1)).isEqualTo("2026-02-23T17:00");
        assertThat(due("2026-02-13T10:00", 0)).isEqualTo("2026-02-13T17:00");
    }

    @Test
    void afterThreeOClockCountsFromTheNextWorkingDay() {
        assertThat(due("2026-03-03T14:59", 0)).isEqualTo("2026-03-03T17:00");
        assertThat(due("2026-03-03T15:00", 0)).isEqualTo("2026-03-04T17:00");
        assertThat(due("2026-03-06T16:00", 2)).isEqualTo("2026-03-10T17:00"); // Saturday 7 March is worked
    }

    @Test
    void weekendsAndHolidaysCountAsLodgedOnTheNextWorkingDay() {
        assertThat(due("2026-02-14T09:00", 0)).isEqualTo("2026-02-23T17:00");
        assertThat(due("2026-03-08T09:00", 7)).isEqualTo("2026-03-18T17:00");
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-07"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-14"))).isFalse();
    }

    private String due(String lodgedAt, int days) {
        Instant lodged = LocalDateTime.parse(lodgedAt).atZone(WorkingCalendar.VIETNAM).toInstant();
        return LocalDateTime.ofInstant(calendar.due(lodged, days), WorkingCalendar.VIETNAM).toString();
    }

    private static WorkingCalendar.CalendarDay day(String date) {
        return new WorkingCalendar.CalendarDay(LocalDate.parse(date), "HOLIDAY", "Tết Nguyên đán", "Lunar New Year");
    }
}
