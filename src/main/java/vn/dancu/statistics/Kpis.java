package vn.dancu.statistics;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.dancu.eid.CitizenSignedIn;
import vn.dancu.exchange.ExchangeMetered;
import vn.dancu.procedures.ApplicationCounted;

/**
 * The programme's indicators of logins, exchange calls and procedures, journalled in the
 * transaction of the change that moves them (docs/statistics.md, "Programme indicators"). On the
 * hot paths (a login, an exchange call) this is one insert of one or two rows.
 */
@Component
class Kpis {

    static final String LOGINS = "logins";
    static final String EXCHANGE_CALLS = "exchange_calls";
    static final String EXCHANGE_FEES = "exchange_fees";
    static final String PROCEDURES_RECEIVED = "procedures_received";
    static final String PROCEDURES_COMPLETED = "procedures_completed";
    static final String FORM_FIELDS = "form_fields";
    /** A measure of the fact {@code quality}: persons with an open reconciliation difference. */
    static final String OPEN_DIFFERENCE = "open_difference";

    private final Journal journal;

    Kpis(Journal journal) {
        this.journal = journal;
    }

    @EventListener
    void signedIn(CitizenSignedIn login) {
        journal.add(List.of(login(login.day().toString(), login.relyingParty(), login.level(), 1)));
    }

    @EventListener
    void metered(ExchangeMetered metered) {
        List<Journal.Delta> deltas = new ArrayList<>(metered.uses().size() * 2);
        metered.uses().forEach(u -> deltas.addAll(exchange(u.member(), u.product(), u.purpose(), u.calls(), u.feeVnd())));
        journal.add(deltas);
    }

    @EventListener
    void counted(ApplicationCounted application) {
        journal.add(procedure(application.kind(), application.procedure(), application.unitId(), application.month(),
                application.channel(), application.onTime(), 1, application.prefilledFields(), application.typedFields()));
    }

    static Journal.Delta login(String day, String relyingParty, int level, long logins) {
        return new Journal.Delta(LOGINS, Statistics.NATION, day, relyingParty, String.valueOf(level), logins);
    }

    static List<Journal.Delta> exchange(String member, String product, String purpose, long calls, long feeVnd) {
        return List.of(new Journal.Delta(EXCHANGE_CALLS, Statistics.NATION, member, product, purpose, calls),
                new Journal.Delta(EXCHANGE_FEES, Statistics.NATION, member, product, purpose, feeVnd));
    }

    /** {@code applications} received or decided at once, with the fields of the received ones. */
    static List<Journal.Delta> procedure(String kind, String procedure, long unitId, String month, String channel, Boolean onTime,
                                         long applications, long prefilled, long typed) {
        if (kind.equals("RECEIVED")) {
            return List.of(new Journal.Delta(PROCEDURES_RECEIVED, unitId, procedure, month, channel, applications),
                    new Journal.Delta(FORM_FIELDS, unitId, procedure, month, "PREFILLED", prefilled),
                    new Journal.Delta(FORM_FIELDS, unitId, procedure, month, "TYPED", typed));
        }
        return List.of(new Journal.Delta(PROCEDURES_COMPLETED, unitId, procedure, month,
                Boolean.TRUE.equals(onTime) ? "ON_TIME" : "LATE", applications));
    }
}
