package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;

/** With no trusted proxies configured (the default), forwarded headers change nothing, even from loopback. */
class UntrustedForwardingTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aClientOnLoopbackCannotChooseItsAddressOrClaimHttps() {
        String agent = "forwarding-test-" + java.util.UUID.randomUUID();
        RawHttp.Answer login = RawCitizenLogin.attempt(port, InetAddress.getLoopbackAddress(), "030178862050", "dancu-demo",
                List.of("X-Forwarded-For: 203.0.113.9", "X-Forwarded-Proto: https", "User-Agent: " + agent));

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.headers()).as("HSTS is sent on secure requests only").doesNotContainKey("strict-transport-security");
        assertThat(login.headers().get("location")).as("redirects stay on http").doesNotStartWith("https:");
        assertThat(jdbc.sql("select address from eid.citizen_session where user_agent = ?").param(agent).query(String.class).single())
                .as("the address the session and the throttles record").isEqualTo("127.0.0.1");
    }
}
