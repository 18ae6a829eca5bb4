package vn.dancu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole platform on a random port against a real embedded PostgreSQL in a fresh directory,
 * in demo mode so that the demo staff and families serve as fixtures. Every subclass shares the
 * one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(IntegrationTest.Clocks.class)
public abstract class IntegrationTest {

    /** The clock every component gets: deadlines are tested by moving it. */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        MovableClock movableClock() {
            return new MovableClock(java.time.ZoneId.of("Asia/Ho_Chi_Minh"), new java.util.concurrent.atomic.AtomicReference<>(
                    java.time.Duration.ZERO));
        }
    }

    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("dancu-test-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        platform(registry, DATA_DIR);
        // A test class that must not share its data sets dancu.test.data-dir: Spring registers a
        // superclass's dynamic properties after the subclass's, so it cannot override dancu.data-dir itself.
        registry.add("dancu.data-dir", () -> "${dancu.test.data-dir:" + DATA_DIR + "}");
        registry.add("dancu.demo", () -> "true");
        registry.add("dancu.demo-persons", () -> "3000");
        // The webhook receivers of the tests listen on this machine.
        registry.add("dancu.exchange.private-webhooks", () -> "true");
    }

    /** What every tested platform has, in demo mode or not ({@link OperatedIntegrationTest}): its data, and the addresses tests call it by. */
    static void platform(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("dancu.data-dir", dataDir::toString);
        registry.add("dancu.security.lockout", () -> "10m");
        // Every test calls from 127.0.0.1: the per-address limit has its own test (EidRulesTest).
        registry.add("dancu.eid.max-failures-per-address", () -> "100000");
        // ... and the public statistics' per-address limit (its own test: PublicThrottleTest)
        registry.add("dancu.statistics.open.public-per-minute", () -> "100000");
        // Webhook tests deliver by calling the deliverer with the time they need; the schedule would race them.
        registry.add("dancu.exchange.delivery-delay", () -> "3600000");
        // The access log's archiver runs when AccessLogArchiveTest calls it (the migration makes this month and the next).
        registry.add("dancu.audit.partitions-first", () -> "PT24H");
        // The provider's one issuer is the address the tests call it by; the port is known once the server listens.
        registry.add("dancu.oidc.issuer", () -> "http://127.0.0.1:${local.server.port}");
        // Passkeys need a host name (an IP address cannot be a WebAuthn relying party): browser tests use localhost.
        registry.add("dancu.eid.passkeys.origins", () -> "http://localhost:${local.server.port}");
        registry.add("dancu.passkeys.origin", () -> "http://localhost:${local.server.port}");
    }

    protected Api api(String username) {
        return new Api(port, username, "dancu-demo");
    }

    protected Api anonymous() {
        return new Api(port, null, null);
    }
}
