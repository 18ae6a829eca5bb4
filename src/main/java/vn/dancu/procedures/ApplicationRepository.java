package vn.dancu.procedures;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tables of applications: plain SQL, one statement per method. */
@Repository
class ApplicationRepository {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Application(long id, String code, int appendixNo, String applicantPersonalId, String subjectPersonalId,
                       String channel, String submittedBy, ApplicationStatus status, Map<String, String> form, List<String> prefilled,
                       long unitId, Instant receivedAt, Instant dueAt, Instant completedAt, String processInstanceId,
                       String paymentReference) {
    }

    record Leg(long applicationId, int legNo, String kind, Agency agency, long unitId, long provinceId, LegStatus status,
               int workingDays, Instant startedAt, Instant dueAt, Instant decidedAt, String decidedBy, String note,
               Instant warnedAt, Instant escalatedAt, String taskId) {

        boolean pending() {
            return status == LegStatus.PENDING;
        }
    }

    /** {@code kind}: the step's ({@link Step#kind()}); {@code workingDays}: its deadline when it starts. */
    record NewLeg(int legNo, String kind, Agency agency, long unitId, long provinceId, LegStatus status, int workingDays) {
    }

    record Step(Instant at, String actor, String action, Integer legNo, String detail) {
    }

    record AttachmentInfo(long id, String kind, String filename, String contentType, int size, String sha256) {
    }

    /** Serializable: a refused form's files wait in the applicant's session (ProcedurePages.Draft). */
    record Upload(String kind, String filename, String contentType, byte[] content, String sha256) implements java.io.Serializable {

        /** A file as it arrived: a missing name is the kind's, a long one is cut to 200 characters. */
        static Upload of(String kind, String filename, String contentType, byte[] content) {
            String name = filename == null || filename.isBlank() ? kind : filename.strip();
            return new Upload(kind, name.substring(0, Math.min(200, name.length())), contentType, content,
                    vn.dancu.platform.Digests.sha256Hex(content));
        }
    }

    private final JdbcClient jdbc;
    private final ProcedureCatalog catalog;
    private final ApplicationEventPublisher events;

    ApplicationRepository(JdbcClient jdbc, ProcedureCatalog catalog, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.events = events;
        this.jdbc = jdbc;
    }

    String nextCode(int year) {
        long n = jdbc.sql("select nextval('procedures.application_code')").query(Long.class).single();
        return "HS-%d-%07d".formatted(year, n);
    }

    long insert(String code, int appendixNo, String applicant, String subject, String channel, String submittedBy,
                Map<String, String> form, List<String> prefilled, long unitId, Instant receivedAt, Instant dueAt) {
        return jdbc.sql("""
                        insert into procedures.application (code, appendix_no, applicant_personal_id, subject_personal_id, channel,
                            submitted_by, status, form, prefilled, unit_id, received_at, due_at)
                        values (?, ?, ?, ?, ?, ?, 'IN_PROGRESS', ?::jsonb, ?, ?, ?, ?) returning id""")
                .params(code, appendixNo, applicant, subject, channel, submittedBy, JSON.writeValueAsString(form),
                        prefilled.toArray(String[]::new), unitId, Timestamp.from(receivedAt), Timestamp.from(dueAt))
                .query(Long.class).single();
    }

    void insertLeg(long applicationId, NewLeg leg) {
        jdbc.sql("""
                        insert into procedures.leg (application_id, leg_no, kind, agency, unit_id, province_id, status, working_days)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(applicationId, leg.legNo(), leg.kind(), leg.agency().name(), leg.unitId(), leg.provinceId(),
                        leg.status().name(), leg.workingDays())
                .update();
    }

    void insertAttachment(long applicationId, Upload upload) {
        jdbc.sql("""
                        insert into procedures.attachment (application_id, kind, filename, content_type, size, sha256, content)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(applicationId, upload.kind(), upload.filename(), upload.contentType(), upload.content().length,
                        upload.sha256(), upload.content())
                .update();
    }

    void step(long applicationId, Integer legNo, Instant at, String actor, String action, String detail) {
        jdbc.sql("insert into procedures.step (application_id, leg_no, at, actor, action, detail) values (?, ?, ?, ?, ?, ?)")
                .params(applicationId, legNo, Timestamp.from(at), actor, action, detail).update();
    }

    void kpi(Application app, Instant at, String kind, Boolean onTime) {
        jdbc.sql("""
                        insert into procedures.kpi_event (at, appendix_no, application_id, kind, channel, on_time, prefilled_fields)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(at), app.appendixNo(), app.id(), kind, app.channel(), onTime, app.prefilled().size())
                .update();
        events.publishEvent(new ApplicationCounted(kind, catalog.byAppendixNo(app.appendixNo()).orElseThrow().code(), app.unitId(),
                YearMonth.from(at.atZone(WorkingCalendar.VIETNAM)).toString(), app.channel(), onTime, app.prefilled().size(),
                app.form().size() - app.prefilled().size()));
    }

    Optional<Application> byCode(String code) {
        return jdbc.sql(SELECT + " where code = ?").param(code).query(this::application).optional();
    }

    Optional<Application> byId(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(this::application).optional();
    }

    Optional<Application> lockById(long id) {
        return jdbc.sql(SELECT + " where id = ? for update").param(id).query(this::application).optional();
    }

    /** The application waits for its fee or fine, payable under {@code reference}; its first leg is not started. */
    void awaitPayment(long id, String reference) {
        jdbc.sql("update procedures.application set status = 'AWAITING_PAYMENT', payment_reference = ? where id = ?")
                .params(reference, id).update();
    }

    /** Paid: the application is handled from now, by the deadline counted from the payment. */
    void paid(long id, Instant due) {
        jdbc.sql("update procedures.application set status = 'IN_PROGRESS', due_at = ? where id = ? and status = 'AWAITING_PAYMENT'")
                .params(Timestamp.from(due), id).update();
    }

    /** Locks the application: its legs are decided one at a time. */
    Optional<Application> lock(String code) {
        return jdbc.sql(SELECT + " where code = ? for update").param(code).query(this::application).optional();
    }

    List<Application> byApplicant(String personalId, int limit) {
        return jdbc.sql(SELECT + " where applicant_personal_id = ? order by received_at desc limit ?")
                .params(personalId, limit).query(this::application).list();
    }

    void setSubject(long id, String personalId) {
        jdbc.sql("update procedures.application set subject_personal_id = ? where id = ?")
                .params(personalId, id).update();
    }

    void setProcess(long id, String processInstanceId) {
        jdbc.sql("update procedures.application set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
    }

    void finish(long id, ApplicationStatus status, Instant at) {
        jdbc.sql("update procedures.application set status = ?, completed_at = ? where id = ?")
                .params(status.name(), Timestamp.from(at), id).update();
    }

    List<Leg> legs(long applicationId) {
        return jdbc.sql(LEG_SELECT + " where application_id = ? order by leg_no").param(applicationId).query(this::leg).list();
    }

    void startLeg(long applicationId, int legNo, Instant at, Instant due, String taskId) {
        jdbc.sql("""
                        update procedures.leg set status = 'PENDING', started_at = ?, due_at = ?, task_id = ?
                        where application_id = ? and leg_no = ?""")
                .params(Timestamp.from(at), Timestamp.from(due), taskId, applicationId, legNo).update();
    }

    void decideLeg(long applicationId, int legNo, LegStatus status, Instant at, String by, String note) {
        jdbc.sql("""
                        update procedures.leg set status = ?, decided_at = ?, decided_by = ?, note = ?
                        where application_id = ? and leg_no = ?""")
                .params(status.name(), Timestamp.from(at), by, note, applicationId, legNo).update();
    }

    /** The legs that will not run any more: after a rejection, or when the process ended without them. */
    void cancelWaiting(long applicationId, LegStatus status) {
        jdbc.sql("update procedures.leg set status = ? where application_id = ? and status = 'WAITING'")
                .params(status.name(), applicationId).update();
    }

    List<AttachmentInfo> attachments(long applicationId) {
        return jdbc.sql("select id, kind, filename, content_type, size, sha256 from procedures.attachment where application_id = ? order by id")
                .param(applicationId)
                .query((rs, n) -> new AttachmentInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6)))
                .list();
    }

    Optional<byte[]> attachmentContent(long applicationId, long attachmentId) {
        return jdbc.sql("select content from procedures.attachment where application_id = ? and id = ?")
                .params(applicationId, attachmentId).query(byte[].class).optional();
    }

    List<Step> steps(long applicationId) {
        return jdbc.sql("select at, actor, action, leg_no, detail from procedures.step where application_id = ? order by id")
                .param(applicationId)
                .query((rs, n) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getString(5)))
                .list();
    }

    private static final String SELECT = """
            select id, code, appendix_no, applicant_personal_id, subject_personal_id, channel, submitted_by, status, form::text,
                prefilled, unit_id, received_at, due_at, completed_at, process_instance_id, payment_reference from procedures.application""";

    static final String LEG_SELECT = """
            select application_id, leg_no, kind, agency, unit_id, province_id, status, working_days, started_at, due_at,
                decided_at, decided_by, note, warned_at, escalated_at, task_id from procedures.leg""";

    private Application application(ResultSet rs, int n) throws SQLException {
        Map<String, String> form = JSON.readValue(rs.getString(9), new TypeReference<LinkedHashMap<String, String>>() {
        });
        return new Application(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), ApplicationStatus.valueOf(rs.getString(8)), form, Arrays.asList((String[]) rs.getArray(10).getArray()), rs.getLong(11),
                instant(rs, 12), instant(rs, 13), instant(rs, 14), rs.getString(15), rs.getString("payment_reference"));
    }

    Leg leg(ResultSet rs, int n) throws SQLException {
        return new Leg(rs.getLong(1), rs.getInt(2), rs.getString(3), Agency.valueOf(rs.getString(4)),
                rs.getLong(5), rs.getLong(6), LegStatus.valueOf(rs.getString(7)), rs.getInt(8), instant(rs, 9), instant(rs, 10), instant(rs, 11),
                rs.getString(12), rs.getString(13), instant(rs, 14), instant(rs, 15), rs.getString(16));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
