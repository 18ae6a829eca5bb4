package vn.dancu.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.identity.SecondFactors;
import vn.dancu.identity.Staff;
import vn.dancu.platform.Totp;

/**
 * A staff API session opened with username, password and the one-time code of the authenticator
 * app ({@code POST /api/v1/auth/session}): outside demo mode the only way a tool signs in with a
 * password (docs/staff-login.md). Changes then send the session's CSRF token with its cookie.
 */
record StaffSession(String cookie, String csrf) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** {@code code}: empty where the account has no second factor (demo mode only). */
    static StaffSession open(String url, String username, String password, String code) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(code == null || code.isBlank() ? Map.of("username", username, "password", password)
                : Map.of("username", username, "password", password, "code", code.strip()));
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (opened.statusCode() != 201) {
            throw new IllegalStateException("no session for " + username + ": " + opened.statusCode() + " " + opened.body());
        }
        String cookie = opened.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        return new StaffSession(cookie, JSON.readTree(opened.body()).path("csrfToken").asString());
    }

    /**
     * The one-time code for a command's session: {@code --code}, else {@code DANCU_OTP}, else asked on
     * the terminal; empty without a terminal (demo staff without a second factor need none).
     */
    static String code(Map<String, String> options, String username) {
        if (options.containsKey("code")) {
            return options.get("code");
        }
        String variable = System.getenv("DANCU_OTP");
        if (variable != null) {
            return variable;
        }
        java.io.Console console = System.console();
        return console == null ? "" : console.readLine("One-time code of %s's authenticator app (Enter if none, demo mode): ", username);
    }

    /**
     * For a benchmark's own fresh account on its own platform: enrols an authenticator app as the
     * account's first login would (a key, confirmed with the code of the previous step) and returns
     * the app: it shows the code of the step in which a session is opened, minutes later perhaps
     * (after an import), as the app on a phone would.
     */
    static java.util.function.Supplier<String> enrolled(ConfigurableApplicationContext context, Staff staff) {
        SecondFactors factors = context.getBean(SecondFactors.class);
        byte[] secret = Totp.fromBase32(factors.startTotp(staff).secret());
        Clock clock = context.getBean(Clock.class);
        long step = clock.instant().getEpochSecond() / Totp.STEP_SECONDS;
        if (factors.confirmTotp(staff, Totp.code(secret, step - 1), true) != SecondFactors.Check.ACCEPTED) {
            throw new IllegalStateException("the benchmark's authenticator app was not accepted");
        }
        return () -> Totp.code(secret, clock.instant().getEpochSecond() / Totp.STEP_SECONDS);
    }
}
