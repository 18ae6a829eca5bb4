package vn.dancu.procedures;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.CacheBus;
import vn.dancu.platform.FieldErrors;

/**
 * Deadlines in working days (Decree 61/2018 on the one-stop shop): Monday to Friday, less the
 * public holidays, plus the Saturdays worked in exchange for a bridged day, all kept as data in
 * {@code procedures.calendar_day}. An application lodged after 15:00, or on a day off, counts as
 * lodged on the next working day; a result is due by the end of office hours, 17:00.
 */
@Component
public class WorkingCalendar {

    public static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalTime CUT_OFF = LocalTime.of(15, 0);
    static final LocalTime CLOSE = LocalTime.of(17, 0);

    public record CalendarDay(LocalDate day, String kind, String nameVi, String nameEn) {
    }

    private final JdbcClient jdbc;
    private static final String CACHE = "procedures.calendar";

    private final Clock clock;
    private final AtomicReference<Map<LocalDate, CalendarDay>> days = new AtomicReference<>();

    private final CacheBus bus;

    WorkingCalendar(JdbcClient jdbc, Clock clock, CacheBus bus) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.bus = bus;
        if (bus != null) {
            bus.register(CACHE, day -> days.set(null));
        }
    }

    /** A calendar of the given days that reads no database: for the rules' own tests. */
    static WorkingCalendar of(List<CalendarDay> days, Clock clock) {
        WorkingCalendar calendar = new WorkingCalendar(null, clock, null);
        calendar.days.set(days.stream().collect(Collectors.toUnmodifiableMap(CalendarDay::day, d -> d)));
        return calendar;
    }

    public Instant now() {
        return clock.instant();
    }

    public boolean isWorkingDay(LocalDate day) {
        CalendarDay exception = days().get(day);
        if (exception != null) {
            return exception.kind().equals("WORKING_DAY");
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** When a result lodged at {@code received} is due: 0 working days means the same working day. */
    public Instant due(Instant received, int workingDays) {
        ZonedDateTime at = received.atZone(VIETNAM);
        LocalDate day = at.toLocalDate();
        if (!isWorkingDay(day) || !at.toLocalTime().isBefore(CUT_OFF)) {
            day = nextWorkingDay(day);
        }
        for (int i = 0; i < workingDays; i++) {
            day = nextWorkingDay(day);
        }
        return day.atTime(CLOSE).atZone(VIETNAM).toInstant();
    }

    /** The day a deadline falls on, in Vietnam. */
    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, VIETNAM);
    }

    LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    public List<CalendarDay> year(int year) {
        return days().values().stream().filter(d -> d.day().getYear() == year)
                .sorted(java.util.Comparator.comparing(CalendarDay::day)).toList();
    }

    /** An operator records a holiday or a worked Saturday (the lunar new-year days are fixed each year). */
    @Transactional
    public CalendarDay put(String date, String kind, String nameVi, String nameEn) {
        FieldErrors errors = new FieldErrors();
        LocalDate day = errors.date("day", date);
        String k = errors.oneOf("kind", kind, java.util.Set.of("HOLIDAY", "WORKING_DAY"));
        String vi = errors.text("nameVi", nameVi, 200);
        String en = errors.text("nameEn", nameEn, 200);
        errors.throwIfAny();
        jdbc.sql("""
                        insert into procedures.calendar_day (day, kind, name_vi, name_en) values (?, ?, ?, ?)
                        on conflict (day) do update set kind = excluded.kind, name_vi = excluded.name_vi, name_en = excluded.name_en""")
                .params(day, k, vi, en).update();
        forgetAfterCommit();
        return new CalendarDay(day, k, vi, en);
    }

    @Transactional
    public void remove(String date) {
        FieldErrors errors = new FieldErrors();
        LocalDate day = errors.date("day", date);
        errors.throwIfAny();
        if (jdbc.sql("delete from procedures.calendar_day where day = ?").param(day).update() == 0) {
            throw ApiProblem.notFound("DAY_NOT_FOUND", "The calendar has no entry for " + day);
        }
        forgetAfterCommit();
    }

    /** Read again once the change is committed: a reload before that would keep the old days. */
    private void forgetAfterCommit() {
        bus.changed(CACHE); // the other nodes' notice leaves with the commit
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        days.set(null);
                    }
                });
    }

    private Map<LocalDate, CalendarDay> days() {
        Map<LocalDate, CalendarDay> loaded = days.get();
        if (loaded == null) {
            loaded = jdbc.sql("select day, kind, name_vi, name_en from procedures.calendar_day")
                    .query((rs, n) -> new CalendarDay(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .list().stream().collect(Collectors.toUnmodifiableMap(CalendarDay::day, d -> d));
            days.set(loaded);
        }
        return loaded;
    }
}
