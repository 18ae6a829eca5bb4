package vn.dancu.statistics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import vn.dancu.registry.PopulationLoaded;

/**
 * A national load fills the registry at once: its figures are recounted by a {@link Rebuild}
 * rather than journalled person by person. In the load's transaction the state row goes, so the
 * figures count as never built (a start after a crash rebuilds them, folds and the nightly step
 * wait); after the commit the rebuild runs in the background.
 */
@Component
@ConditionalOnProperty(name = "dancu.statistics.enabled", havingValue = "true", matchIfMissing = true)
class PopulationReload {

    private static final Logger log = LoggerFactory.getLogger(PopulationReload.class);

    private final JdbcClient jdbc;
    private final Rebuild rebuild;

    PopulationReload(JdbcClient jdbc, Rebuild rebuild) {
        this.jdbc = jdbc;
        this.rebuild = rebuild;
    }

    @EventListener
    void markStale(PopulationLoaded loaded) {
        jdbc.sql("delete from statistics.state").update();
    }

    @TransactionalEventListener
    void recount(PopulationLoaded loaded) {
        Thread.ofVirtual().name("statistics-rebuild").start(() -> {
            try {
                Rebuild.Result result = rebuild.run();
                log.info("Statistics rebuilt after a national load: {} figures in {} ms", result.figures(), result.took().toMillis());
            } catch (RuntimeException e) {
                log.error("Statistics could not be rebuilt after a national load ({}); run ./dancu statistics rebuild",
                        e.getClass().getSimpleName());
            }
        });
    }
}
