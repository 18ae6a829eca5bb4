package vn.dancu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole platform as an operator runs it: not in demo mode, so no demo staff, citizens or
 * members exist and every staff login needs its second factor; an embedded PostgreSQL in a fresh
 * directory of its own. Otherwise as {@link IntegrationTest}; every subclass shares this context.
 * Tests make their accounts as {@code ./dancu create-admin} does, through {@code StaffAccounts}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(IntegrationTest.Clocks.class)
public abstract class OperatedIntegrationTest {

    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("dancu-operated-test-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IntegrationTest.platform(registry, DATA_DIR);
        registry.add("dancu.demo", () -> "false");
        // an operator whose platform is not connected to the power companies: every procedure but 25 (ProceduresNotEnabledTest)
        registry.add("dancu.procedures.enabled", () -> "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24");
    }
}
