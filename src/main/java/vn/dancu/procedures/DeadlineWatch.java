package vn.dancu.procedures;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches the deadlines of pending legs: on the day a leg is due its officers are warned (the
 * worklist marks it and the step is recorded); once it is overdue it is escalated: it heads the
 * worklists of its agency (the province's officers see their province's legs there), and the
 * applicant gets an apology, as the one-stop-shop rules require (Decree 61/2018, Art. 19).
 */
@Component
public class DeadlineWatch {

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;
    private final Notifications notifications;
    private final ApplicationRepository repository;
    private final org.springframework.transaction.support.TransactionTemplate transaction;
    private final Procedures procedures;
    private final vn.dancu.platform.Leadership leadership;

    DeadlineWatch(JdbcClient jdbc, WorkingCalendar calendar, Notifications notifications, ApplicationRepository repository,
                  org.springframework.transaction.PlatformTransactionManager transactions, Procedures procedures,
                  vn.dancu.platform.Leadership leadership) {
        this.leadership = leadership;
        this.procedures = procedures;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.notifications = notifications;
        this.repository = repository;
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${dancu.procedures.deadline-check:60000}", initialDelay = 10_000)
    void scheduled() {
        Instant now = calendar.now();
        // One node per round: the legs are claimed with a conditional update anyway, but a round on each node is wasted work.
        leadership.runAlone("procedures.deadline_watch", () -> round(now));
    }

    /** One round at {@code now}, in one transaction: a leg is marked with its step and its notice, or not at all. */
    public void run(Instant now) {
        transaction.executeWithoutResult(status -> round(now));
    }

    /** A pending leg whose deadline this round marked. */
    private record Due(long applicationId, int legNo, String code, String applicant, String kind, String agency) {
    }

    private void round(Instant now) {
        Instant endOfToday = WorkingCalendar.dayOf(now).plusDays(1).atStartOfDay(WorkingCalendar.VIETNAM).toInstant();
        List<Due> warned = mark("warned_at", "l.due_at >= ? and l.due_at < ?", now, now, endOfToday);
        warned.forEach(d -> repository.step(d.applicationId(), d.legNo(), now, "system", "DEADLINE_WARNING",
                "Đến hạn trả kết quả trong ngày"));
        List<Due> escalated = mark("escalated_at", "l.due_at < ?", now, now);
        for (Due d : escalated) {
            Agency agency = Agency.valueOf(d.agency());
            repository.step(d.applicationId(), d.legNo(), now, "system", "ESCALATED",
                    "Quá hạn: chuyển lãnh đạo " + agency.nameVi + " cấp tỉnh đôn đốc");
            notifications.send(d.applicant(), d.applicationId(), "late",
                    locale -> new Object[] {d.code(), agency.nameIn(locale), procedures.resultTitle(d.kind(), locale)});
        }
    }

    /**
     * Marks, once, the pending legs whose deadline meets {@code condition}: the update claims them,
     * so two nodes watching at once do not warn or escalate a leg twice.
     */
    private List<Due> mark(String column, String condition, Instant now, Instant... bounds) {
        List<Object> params = new java.util.ArrayList<>(List.of(Timestamp.from(now)));
        for (Instant bound : bounds) {
            params.add(Timestamp.from(bound));
        }
        return jdbc.sql("update procedures.leg l set " + column + " = ? from procedures.application a"
                        + " where a.id = l.application_id and l.status = 'PENDING' and l." + column + " is null and " + condition
                        + " returning l.application_id, l.leg_no, a.code, a.applicant_personal_id, l.kind, l.agency")
                .params(params)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }
}
