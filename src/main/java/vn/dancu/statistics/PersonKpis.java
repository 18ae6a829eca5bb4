package vn.dancu.statistics;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.dancu.eid.EidAccountChanged;
import vn.dancu.eid.EidStatistics;
import vn.dancu.exchange.DifferencesChanged;
import vn.dancu.exchange.ExchangeStatistics;
import vn.dancu.registry.Demographics;
import vn.dancu.registry.Registry;

/**
 * The indicators counted where a person lives (docs/statistics.md): e-ID accounts in use by level,
 * and persons with an open reconciliation difference, journalled in the transaction of the change.
 * Where the person lives is the registry's own rule ({@link Demographics#livingUnitId}); a number
 * that names no one counts for the nation only, in the events and in the recount alike.
 */
@Component
class PersonKpis {

    static final String EID_ACCOUNTS = "eid_accounts";

    private final Journal journal;
    private final Registry registry;

    PersonKpis(Journal journal, Registry registry) {
        this.journal = journal;
        this.registry = registry;
    }

    @EventListener
    void accountChanged(EidAccountChanged change) {
        long unit = livingUnit(registry, change.personalId());
        List<Journal.Delta> deltas = new ArrayList<>(2);
        if (change.levelBefore() > 0) {
            deltas.add(account(unit, change.levelBefore(), -1));
        }
        if (change.levelAfter() > 0) {
            deltas.add(account(unit, change.levelAfter(), 1));
        }
        journal.add(deltas);
    }

    @EventListener
    void differencesChanged(DifferencesChanged change) {
        List<Journal.Delta> deltas = new ArrayList<>(change.opened().size() + change.closed().size());
        change.opened().forEach(p -> deltas.add(openDifference(livingUnit(registry, p), 1)));
        change.closed().forEach(p -> deltas.add(openDifference(livingUnit(registry, p), -1)));
        journal.add(deltas);
    }

    static Journal.Delta account(long unit, int level, long amount) {
        return new Journal.Delta(EID_ACCOUNTS, unit, String.valueOf(level), "", "", amount);
    }

    static Journal.Delta openDifference(long unit, long amount) {
        return new Journal.Delta("quality", unit, Kpis.OPEN_DIFFERENCE, "", "", amount);
    }

    static long livingUnit(Registry registry, String personalId) {
        return registry.demographics(personalId).map(Demographics::livingUnitId).orElse(Statistics.NATION);
    }

    /** Their recounts: one profile read per account and per person with an open difference. */
    @Configuration(proxyBeanMethods = false)
    static class Recounts {

        @Bean
        Recount eidAccountRecount(EidStatistics eid, Registry registry) {
            return new KpiRecounts.Family(List.of(EID_ACCOUNTS), (asOf, into) ->
                    eid.accountsInUse((personalId, level) -> into.accept(account(livingUnit(registry, personalId), level, 1))));
        }

        /** Shares the fact {@code quality} with the population's family: the rebuild replaces the fact from both. */
        @Bean
        Recount openDifferenceRecount(ExchangeStatistics exchange, Registry registry) {
            return new KpiRecounts.Family(List.of("quality"), (asOf, into) ->
                    exchange.personsWithOpenDifferences(p -> into.accept(openDifference(livingUnit(registry, p), 1))));
        }
    }
}
