package vn.dancu.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Chromium, headless, driven by Playwright: a browser test class registers one as a
 * static {@code @RegisterExtension} field, which starts it before the class's tests and closes it
 * after. Without Chromium the class is skipped with a message, except on CI (CI=true), where a
 * missing browser is a failure.
 */
final class Chromium implements BeforeAllCallback, AfterAllCallback {

    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

    private final List<String> extraArguments;
    private Playwright playwright;
    private Browser browser;

    Chromium() {
        this(new String[0]);
    }

    /** With command-line switches of Chromium's own beside the usual ones, for example a fake camera. */
    Chromium(String... extraArguments) {
        this.extraArguments = List.of(extraArguments);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Files.isExecutable(EXECUTABLE)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + EXECUTABLE + " is missing: .ci/run installs it");
            }
            Assumptions.abort("Browser tests skipped: " + EXECUTABLE + " not found (apt-get install chromium)");
        }
        // Playwright must not download a browser of its own
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true)
                .setArgs(java.util.stream.Stream.concat(java.util.stream.Stream.of("--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"),
                        extraArguments.stream()).toList()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A page in a context of its own (its own cookies), with a screen of the given size. */
    Page newPage(int width, int height) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)).newPage();
    }

    /**
     * A platform authenticator (like a phone's) that holds passkeys and verifies its user, added to
     * the page's browser over the DevTools protocol: the WebAuthn ceremonies then run for real.
     */
    static void virtualAuthenticator(Page page) {
        com.microsoft.playwright.CDPSession devtools = page.context().newCDPSession(page);
        devtools.send("WebAuthn.enable");
        com.google.gson.JsonObject options = new com.google.gson.JsonObject();
        options.addProperty("protocol", "ctap2");
        options.addProperty("transport", "internal");
        options.addProperty("hasResidentKey", true);
        options.addProperty("hasUserVerification", true);
        options.addProperty("isUserVerified", true);
        options.addProperty("automaticPresenceSimulation", true);
        com.google.gson.JsonObject args = new com.google.gson.JsonObject();
        args.add("options", options);
        devtools.send("WebAuthn.addVirtualAuthenticator", args);
    }

    /** The whole page, to target/screenshots/{name}.png. */
    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", name + ".png")).setFullPage(true));
    }
}
