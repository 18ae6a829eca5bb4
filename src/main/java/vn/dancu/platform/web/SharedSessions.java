package vn.dancu.platform.web;

import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionEventHttpSessionListenerAdapter;
import vn.dancu.platform.Leadership;

/**
 * HTTP sessions live in PostgreSQL (Spring Session JDBC, tables {@code platform.http_session*} from V29), so a
 * login on one node goes on on any other behind the load balancer. Two things Tomcat's own sessions did are kept:
 * <ul>
 * <li>The {@link HttpSessionListener}s still hear of a session that ends by invalidation (a logout): Spring Session
 * JDBC publishes no events, so the repository is wrapped to publish one before it deletes a session.</li>
 * <li>Expired sessions are deleted once a minute by one node (through {@link Leadership}) instead of by Spring
 * Session's cron on every node at the same second. The delete is the one Spring Session runs.</li>
 * </ul>
 * A session that merely times out is deleted without an event: the sign-in rows it stood for idle out by themselves.
 *
 * <p>A request that changes nothing but the session's last access writes it only when the stored time is more than
 * {@link #LAST_ACCESS_SLACK_MILLIS} old ({@link #UPDATE_WHEN_DUE}): otherwise every request of one session, on any node, would
 * queue on the session's row for a durable commit. An idle session may thus end up to that slack before its timeout.
 */
@Configuration(proxyBeanMethods = false)
class SharedSessions {

    @Bean
    static BeanPostProcessor sessionEndEvents(org.springframework.beans.factory.ObjectProvider<ApplicationEventPublisher> events) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JdbcIndexedSessionRepository sessions ? new Announcing<>(sessions, events.getObject()) : bean;
            }
        };
    }

    /** How old the stored last access may grow before a request writes it again. */
    static final long LAST_ACCESS_SLACK_MILLIS = 60_000;

    /**
     * Spring Session's update of a session row, made conditional: it writes only when the session id changed (a login), its
     * timeout or principal changed, or the stored last access is older than the slack. A statement that matches no row
     * takes no row lock and writes no WAL, so its transaction commits without a flush. {@code JdbcSession} binds (session
     * id, last access, max inactive interval, expiry time, principal name, primary id) in this order and ignores the
     * update count (spring-session-jdbc 4.0.4); the attributes have their own statements, left as they are.
     */
    static final String UPDATE_WHEN_DUE = """
            UPDATE %TABLE_NAME% t SET SESSION_ID = v.sid, LAST_ACCESS_TIME = v.lat, MAX_INACTIVE_INTERVAL = v.mii,
                   EXPIRY_TIME = v.exp, PRINCIPAL_NAME = v.pn
            FROM (VALUES (?::char(36), ?::bigint, ?::int, ?::bigint, ?::varchar(100), ?::char(36))) v(sid, lat, mii, exp, pn, pid)
            WHERE t.PRIMARY_ID = v.pid AND (t.SESSION_ID <> v.sid OR t.MAX_INACTIVE_INTERVAL <> v.mii
                   OR t.PRINCIPAL_NAME IS DISTINCT FROM v.pn OR t.LAST_ACCESS_TIME < v.lat - """ + LAST_ACCESS_SLACK_MILLIS + ")";

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> lastAccessWhenDue() {
        return sessions -> sessions.setUpdateSessionQuery(UPDATE_WHEN_DUE);
    }

    @Bean
    SessionEventHttpSessionListenerAdapter sessionListeners(List<HttpSessionListener> listeners) {
        return new SessionEventHttpSessionListenerAdapter(listeners);
    }

    @Bean
    ExpiredSessions expiredSessions(Leadership leadership, JdbcClient jdbc) {
        return new ExpiredSessions(leadership, jdbc);
    }

    static final class ExpiredSessions {

        private final Leadership leadership;
        private final JdbcClient jdbc;

        ExpiredSessions(Leadership leadership, JdbcClient jdbc) {
            this.leadership = leadership;
            this.jdbc = jdbc;
        }

        @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
        void purge() {
            leadership.runAlone("platform.http_session.purge", () -> jdbc.sql("delete from platform.http_session where expiry_time < ?")
                    .param(System.currentTimeMillis()).update());
        }
    }

    /** The repository, publishing {@link SessionDeletedEvent} for a session it is asked to delete. */
    static final class Announcing<S extends Session> implements FindByIndexNameSessionRepository<S> {

        private final FindByIndexNameSessionRepository<S> sessions;
        private final ApplicationEventPublisher events;

        Announcing(FindByIndexNameSessionRepository<S> sessions, ApplicationEventPublisher events) {
            this.sessions = sessions;
            this.events = events;
        }

        @Override
        public S createSession() {
            return sessions.createSession();
        }

        @Override
        public void save(S session) {
            sessions.save(session);
        }

        @Override
        public S findById(String id) {
            return sessions.findById(id);
        }

        @Override
        public void deleteById(String id) {
            S session = sessions.findById(id);
            if (session != null) {
                events.publishEvent(new SessionDeletedEvent(this, session));
            }
            sessions.deleteById(id);
        }

        @Override
        public Map<String, S> findByIndexNameAndIndexValue(String indexName, String indexValue) {
            return sessions.findByIndexNameAndIndexValue(indexName, indexValue);
        }
    }
}
