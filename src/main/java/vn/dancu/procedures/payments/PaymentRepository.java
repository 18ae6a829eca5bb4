package vn.dancu.procedures.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The local gateway's tables: payments, their receipts and their events. Plain SQL, rows mapped by column name. */
@Repository
class PaymentRepository {

    /** A payment row, without its receipts and events. */
    record Row(long id, String reference, long applicationId, String applicationCode, PaymentOrder.Purpose purpose,
               String descriptionVi, String descriptionEn, long amount, String payerPersonalId, String payerName,
               Payment.State state, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String nextReference(int year) {
        return "TT-%d-%07d".formatted(year, jdbc.sql("select nextval('procedures.payment_reference')").query(Long.class).single());
    }

    String nextReceiptNumber(int year) {
        return "BL-%d-%07d".formatted(year, jdbc.sql("select nextval('procedures.receipt_number')").query(Long.class).single());
    }

    void insert(String reference, PaymentOrder order, Instant at) {
        jdbc.sql("""
                        insert into procedures.payment (reference, application_id, purpose, description_vi, description_en, amount,
                            payer_personal_id, payer_name, state, created_at)
                        values (:reference, :application, :purpose, :vi, :en, :amount, :payer, :payerName, 'AWAITING', :at)""")
                .param("reference", reference).param("application", order.applicationId()).param("purpose", order.purpose().name())
                .param("vi", order.descriptionVi()).param("en", order.descriptionEn()).param("amount", order.amount())
                .param("payer", order.payerPersonalId()).param("payerName", order.payerName()).param("at", Timestamp.from(at))
                .update();
    }

    Optional<Row> find(String reference) {
        return jdbc.sql(SELECT + " where p.reference = ?").param(reference).query(this::row).optional();
    }

    /** Locks the payment: it is paid, or refunded, one request at a time. */
    Optional<Row> lock(String reference) {
        return jdbc.sql(SELECT + " where p.reference = ? for update of p").param(reference).query(this::row).optional();
    }

    void setState(long id, Payment.State state) {
        jdbc.sql("update procedures.payment set state = ? where id = ?").params(state.name(), id).update();
    }

    void event(long paymentId, Instant at, String actor, Payment.State state, String detail) {
        jdbc.sql("insert into procedures.payment_event (payment_id, at, actor, state, detail) values (?, ?, ?, ?, ?)")
                .params(paymentId, Timestamp.from(at), actor, state.name(), detail).update();
    }

    void insertReceipt(long paymentId, Receipt r) {
        jdbc.sql("""
                        insert into procedures.receipt (number, payment_id, kind, amount, payer_personal_id, payer_name, method,
                            issued_at, issued_by, reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.number(), paymentId, r.kind().name(), r.amount(), r.payerPersonalId(), r.payerName(), r.method().name(),
                        Timestamp.from(r.issuedAt()), r.issuedBy(), r.reason())
                .update();
    }

    List<Receipt> receipts(long paymentId, String reference) {
        return jdbc.sql("""
                        select number, kind, amount, payer_personal_id, payer_name, method, issued_at, issued_by, reason
                        from procedures.receipt where payment_id = ? order by issued_at, kind""")
                .param(paymentId)
                .query((rs, n) -> new Receipt(rs.getString("number"), reference, Receipt.Kind.valueOf(rs.getString("kind")),
                        rs.getLong("amount"), rs.getString("payer_personal_id"), rs.getString("payer_name"),
                        Receipt.Method.valueOf(rs.getString("method")), rs.getTimestamp("issued_at").toInstant(),
                        rs.getString("issued_by"), rs.getString("reason")))
                .list();
    }

    List<Payment.Event> events(long paymentId) {
        return jdbc.sql("select at, actor, state, detail from procedures.payment_event where payment_id = ? order by id")
                .param(paymentId)
                .query((rs, n) -> new Payment.Event(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        Payment.State.valueOf(rs.getString("state")), rs.getString("detail")))
                .list();
    }

    private static final String SELECT = """
            select p.id, p.reference, p.application_id, a.code, p.purpose, p.description_vi, p.description_en, p.amount,
                p.payer_personal_id, p.payer_name, p.state, p.created_at
            from procedures.payment p join procedures.application a on a.id = p.application_id""";

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("reference"), rs.getLong("application_id"), rs.getString("code"),
                PaymentOrder.Purpose.valueOf(rs.getString("purpose")), rs.getString("description_vi"), rs.getString("description_en"),
                rs.getLong("amount"), rs.getString("payer_personal_id"), rs.getString("payer_name"),
                Payment.State.valueOf(rs.getString("state")), rs.getTimestamp("created_at").toInstant());
    }
}
