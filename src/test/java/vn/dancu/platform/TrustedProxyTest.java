package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind a trusted proxy (here 127.0.0.1) the client's address comes from X-Forwarded-For and
 * HTTPS from X-Forwarded-Proto; from any other peer (127.0.0.2, loopback too) the headers change
 * nothing, so a header cannot lift the per-address login limit. A platform of its own: the limit
 * is 3 failures here, and the shared test platform trusts no proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TrustedProxyTest {

    private static final String NOBODY = "001099999996";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            String dataDir = Files.createTempDirectory("dancu-proxy-test-").toString();
            registry.add("dancu.data-dir", () -> dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("dancu.demo", () -> "true");
        registry.add("dancu.demo-persons", () -> "100");
        registry.add("dancu.trusted-proxies", () -> "127.0.0.1");
        registry.add("dancu.eid.max-failures-per-address", () -> "3");
    }

    @Test
    void anUntrustedPeerCannotLiftItsLimitWithAForwardedAddress() throws UnknownHostException {
        InetAddress peer = InetAddress.getByName("127.0.0.2");
        for (int i = 0; i < 3; i++) {
            assertThat(failedLogin(peer, List.of()).status()).isEqualTo(401);
        }
        RawHttp.Answer spoofed = failedLogin(peer, List.of("X-Forwarded-For: 203.0.113.9"));
        assertThat(spoofed.status()).as("still counted as 127.0.0.2").isEqualTo(429);
        assertThat(failedLogin(peer, List.of("X-Forwarded-Proto: https")).headers())
                .as("nor can it claim HTTPS").doesNotContainKey("strict-transport-security");
    }

    @Test
    void aTrustedProxyNamesTheClientItForwards() {
        InetAddress proxy = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(failedLogin(proxy, List.of("X-Forwarded-For: 203.0.113.7")).status()).isEqualTo(401);
        }
        assertThat(failedLogin(proxy, List.of("X-Forwarded-For: 203.0.113.7")).status()).as("the client is stopped").isEqualTo(429);
        assertThat(failedLogin(proxy, List.of("X-Forwarded-For: 198.51.100.1, 203.0.113.7")).status())
                .as("what the client itself put before its address is not believed").isEqualTo(429);
        assertThat(failedLogin(proxy, List.of("X-Forwarded-For: 203.0.113.8")).status()).as("another client is not").isEqualTo(401);
        assertThat(failedLogin(proxy, List.of("X-Forwarded-For: 203.0.113.8", "X-Forwarded-Proto: https")).headers())
                .as("the proxy says the client came over HTTPS").containsKey("strict-transport-security");
    }

    private RawHttp.Answer failedLogin(InetAddress from, List<String> headers) {
        return RawCitizenLogin.attempt(port, from, NOBODY, "wrong password", headers);
    }
}
