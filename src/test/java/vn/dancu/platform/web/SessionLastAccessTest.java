package vn.dancu.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;
import vn.dancu.identity.StaffAccounts;
import vn.dancu.identity.StaffRole;

/**
 * A session's last access is written when it is due ({@link SharedSessions#UPDATE_WHEN_DUE}), not at every request: a
 * request within the slack writes nothing (the rows keep their {@code xmin}, the id of the transaction that last wrote
 * them), a login writes at once, a request after the slack writes, and a session idle past its timeout still ends.
 */
class SessionLastAccessTest extends IntegrationTest {

    @Autowired
    StaffAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    record Row(String primaryId, String sessionId, long lastAccess, String principal, String xmin, List<String> attributeXmins) {
    }

    @Test
    void onlyALoginOrAnAccessPastTheSlackWritesAndAnIdleSessionStillEnds() throws Exception {
        accounts.create(new StaffAccounts.NewAccount("session.slack", "a-long-enough-password", "Session slack",
                StaffRole.CENTRAL_OFFICER, null));
        String page = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Row anonymous = row();
        assertThat(anonymous.principal()).isNull();

        String token = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=session.slack&password=a-long-enough-password&_csrf=" + token))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        Row signedIn = row();
        assertThat(signedIn.primaryId()).as("the same session row").isEqualTo(anonymous.primaryId());
        assertThat(signedIn.sessionId()).as("the login changed the session id, and it was written").isNotEqualTo(anonymous.sessionId());
        assertThat(signedIn.principal()).isEqualTo("session.slack");

        assertThat(lookup()).isEqualTo(200);
        Row again = row();
        assertThat(again.lastAccess()).as("a request within the slack leaves the last access").isEqualTo(signedIn.lastAccess());
        assertThat(again.xmin()).as("and writes no row version").isEqualTo(signedIn.xmin());
        assertThat(again.attributeXmins()).as("nor any attribute").isEqualTo(signedIn.attributeXmins());

        long longAgo = System.currentTimeMillis() - SharedSessions.LAST_ACCESS_SLACK_MILLIS - 5_000;
        jdbc.sql("update platform.http_session set last_access_time = ?, expiry_time = ? + max_inactive_interval * 1000 "
                + "where primary_id = ?").params(longAgo, longAgo, again.primaryId()).update();
        long before = System.currentTimeMillis();
        assertThat(lookup()).isEqualTo(200);
        assertThat(row().lastAccess()).as("a request past the slack writes the last access").isGreaterThanOrEqualTo(before);

        long idle = System.currentTimeMillis() - 31 * 60_000L;
        jdbc.sql("update platform.http_session set last_access_time = ?, expiry_time = ? + max_inactive_interval * 1000 "
                + "where primary_id = ?").params(idle, idle, again.primaryId()).update();
        assertThat(lookup()).as("a session idle past its timeout has ended").isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from platform.http_session where primary_id = ?").param(again.primaryId())
                .query(Integer.class).single()).isZero();
    }

    private int lookup() throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/registry/persons?name=nguyen")).header("X-Purpose", "session slack")
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The row of the session the cookie names (Spring Session's cookie holds the id in Base64). */
    private Row row() {
        String cookie = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no session cookie"));
        String sessionId = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
        Row row = jdbc.sql("""
                        select primary_id, session_id, last_access_time, principal_name, xmin::text from platform.http_session
                        where session_id = ?""").param(sessionId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), null))
                .single();
        List<String> attributes = jdbc.sql("""
                        select attribute_name || '@' || xmin::text from platform.http_session_attributes
                        where session_primary_id = ? order by attribute_name""").param(row.primaryId()).query(String.class).list();
        return new Row(row.primaryId(), row.sessionId(), row.lastAccess(), row.principal(), row.xmin(), attributes);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
