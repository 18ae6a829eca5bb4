package vn.dancu.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancu.eid.EidStatistics;
import vn.dancu.exchange.ExchangeStatistics;
import vn.dancu.procedures.ProcedureStatistics;

/**
 * The recounts of the programme's indicators kept by {@link Kpis}: each counts its facts again
 * from the source module's public API, through the same keys as the events.
 */
@Configuration(proxyBeanMethods = false)
class KpiRecounts {

    @Bean
    Recount loginRecount(EidStatistics eid) {
        return new Family(List.of(Kpis.LOGINS), (asOf, into) -> eid.logins(l ->
                into.accept(Kpis.login(l.day().toString(), l.relyingParty(), l.level(), l.logins()))));
    }

    @Bean
    Recount exchangeRecount(ExchangeStatistics exchange) {
        return new Family(List.of(Kpis.EXCHANGE_CALLS, Kpis.EXCHANGE_FEES), (asOf, into) -> exchange.usageTotals(u ->
                Kpis.exchange(u.member(), u.product(), u.purpose(), u.calls(), u.feeVnd()).forEach(into)));
    }

    @Bean
    Recount procedureRecount(ProcedureStatistics procedures) {
        return new Family(List.of(Kpis.PROCEDURES_RECEIVED, Kpis.PROCEDURES_COMPLETED, Kpis.FORM_FIELDS), (asOf, into) ->
                procedures.kpiTotals(t -> Kpis.procedure(t.kind(), t.procedure(), t.unitId(), t.month(), t.channel(), t.onTime(),
                        t.applications(), t.prefilledFields(), t.typedFields()).forEach(into)));
    }

    interface Counting {
        void count(LocalDate asOf, Consumer<Journal.Delta> into);
    }

    record Family(List<String> facts, Counting counting) implements Recount {

        @Override
        public void recount(LocalDate asOf, Consumer<Journal.Delta> into) {
            // A zero is no figure: the journal leaves out deltas that cancel out, so the events never make one.
            counting.count(asOf, d -> {
                if (d.amount() != 0) {
                    into.accept(d);
                }
            });
        }
    }
}
