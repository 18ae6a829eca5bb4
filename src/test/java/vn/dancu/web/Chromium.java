package vn.dancu.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven by Playwright for the browser tests. Without Chromium a test
 * class is skipped with a message, except on CI (CI=true), where a missing browser is a failure.
 */
final class Chromium {

    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

    private Chromium() {
    }

    /** Playwright, which must not download a browser of its own; called from a test class's {@code @BeforeAll}. */
    static Playwright playwright() {
        if (!Files.isExecutable(EXECUTABLE)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + EXECUTABLE + " is missing: .ci/run installs it");
            }
            Assumptions.abort("Browser tests skipped: " + EXECUTABLE + " not found (apt-get install chromium)");
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }
}
