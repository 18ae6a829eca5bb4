package vn.dancu.eid;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.dancu.platform.Leadership;

/**
 * Spring Authorization Server keeps every authorization (client_credentials tokens excepted, see
 * ClientTokens) and never deletes it. Once its code, access and refresh tokens have all expired it
 * serves nothing, not even introspection, so it is deleted after an hour's grace; so is the
 * revocation of a client token an hour after the token expired. Ended citizen sessions
 * are kept 90 days, then deleted; the local SMS outbox and spent codes, a day.
 */
@Component
class ExpiredAuthorizations {

    private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizations.class);

    private final JdbcClient jdbc;

    private final CitizenSessions citizenSessions;

    private final Leadership leadership;

    ExpiredAuthorizations(JdbcClient jdbc, CitizenSessions citizenSessions, Leadership leadership) {
        this.leadership = leadership;
        this.jdbc = jdbc;
        this.citizenSessions = citizenSessions;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    void scheduled() {
        // One node per round: the deletes are idempotent, but each node deleting the same rows at once only contends.
        leadership.runAlone("eid.expired_authorizations", this::purge);
    }

    void purge() {
        int authorizations = jdbc.sql("""
                        delete from public.oauth2_authorization
                        where greatest(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at,
                                       oidc_id_token_expires_at) < now() - interval '1 hour'""").update();
        // the deny-list of client tokens is append-only: only its definer function deletes, and only the long dead
        int revocations = jdbc.sql("select eid.prune_revoked_access_tokens()").query(Integer.class).single();
        int sessions = citizenSessions.purgeOld();
        // The local SMS gateway's messages hold codes in clear: a day is enough for any of them.
        jdbc.sql("delete from eid.sms_outbox where created_at < now() - interval '1 day'").update();
        jdbc.sql("delete from eid.one_time_code where expires_at < now() - interval '1 day'").update();
        if (authorizations + revocations + sessions > 0) {
            log.info("Purged {} expired authorizations, {} revocations of expired client tokens and {} old ended sessions",
                    authorizations, revocations, sessions);
        }
    }
}
