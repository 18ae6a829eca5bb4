package vn.dancu.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.catalina.core.ApplicationSessionCookieConfig;
import org.apache.catalina.core.StandardContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import vn.dancu.IntegrationTest;

/**
 * Referrer-Policy and Permissions-Policy on every answer of every chain; HSTS and Secure cookies
 * only on secure requests. A secure request reaches the running platform only over HTTPS or from a
 * trusted proxy, so the secure cases run the registered filters on MockMvc with
 * {@code request.isSecure()} true, and Tomcat's own session cookie is checked on Tomcat's code.
 */
class SecurityHeadersTest extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    WebApplicationContext context;

    @Test
    void aPageAnApiAnswerAndErrorsOfEveryChainCarryTheReferrerAndPermissionsPolicies() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                send(HttpRequest.newBuilder(uri("/login")).header("Accept", "text/html")),
                send(HttpRequest.newBuilder(uri("/api/v1/units/01"))),
                send(HttpRequest.newBuilder(uri("/api/v1/registry/persons?name=an"))), // 401, staff chain
                send(HttpRequest.newBuilder(uri("/api/v1/exchange/usage"))), // 401, members' chain
                send(HttpRequest.newBuilder(uri("/api/v1/me/access-log"))), // 401, citizens' chain
                send(HttpRequest.newBuilder(uri("/oauth2/token")).POST(HttpRequest.BodyPublishers.noBody())), // the OpenID provider
                send(HttpRequest.newBuilder(uri("/api/v1/units;x=1")))); // refused by the firewall
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 401, 401, 401, 401, 400);
        for (HttpResponse<String> answer : answers) {
            HttpHeaders headers = answer.headers();
            assertThat(headers.firstValue("Referrer-Policy")).as(answer.uri().toString()).contains("same-origin");
            assertThat(headers.firstValue("Permissions-Policy").orElseThrow()).as(answer.uri().toString())
                    .contains("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()",
                            "publickey-credentials-get=(self)", "publickey-credentials-create=(self)");
            assertThat(headers.firstValue("Strict-Transport-Security")).as("not over plain HTTP").isEmpty();
        }
    }

    @Test
    void overPlainHttpNoCookieIsSecureForItWouldNeverComeBack() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/login?lang=en")).header("Accept", "text/html"));
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies).anyMatch(c -> c.startsWith("dancu-lang=")).anyMatch(c -> c.startsWith("JSESSIONID="));
        assertThat(cookies).noneMatch(c -> c.toLowerCase(java.util.Locale.ROOT).contains("secure"));
    }

    @Test
    void aSecureRequestGetsHstsAndSecureCookies() throws Exception {
        MockHttpServletResponse secure = mvc().perform(get("/login?lang=en").secure(true).accept("text/html")).andReturn().getResponse();
        assertThat(secure.getStatus()).isEqualTo(200);
        assertThat(secure.getHeaders("Strict-Transport-Security")).as("ours and Spring Security's: one header")
                .containsExactly("max-age=31536000 ; includeSubDomains");
        assertThat(secure.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(secure.getHeaders("Set-Cookie")).anyMatch(c -> c.startsWith("dancu-lang=")).allMatch(c -> c.contains("; Secure"));

        MockHttpServletResponse plain = mvc().perform(get("/login?lang=en").accept("text/html")).andReturn().getResponse();
        assertThat(plain.getHeader("Strict-Transport-Security")).isNull();
        assertThat(plain.getHeaders("Set-Cookie")).anyMatch(c -> c.startsWith("dancu-lang=")).noneMatch(c -> c.contains("Secure"));

        MockHttpServletResponse refused = mvc().perform(get("/api/v1/registry/persons").secure(true)).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getHeader("Strict-Transport-Security")).as("on errors too").isNotNull();
    }

    @Test
    void tomcatMarksItsSessionCookieSecureOnSecureRequestsOnly() {
        StandardContext tomcat = new StandardContext();
        tomcat.setPath("");
        org.apache.catalina.core.StandardEngine engine = new org.apache.catalina.core.StandardEngine();
        engine.setService(new org.apache.catalina.core.StandardService());
        org.apache.catalina.core.StandardHost host = new org.apache.catalina.core.StandardHost();
        host.setParent(engine);
        tomcat.setParent(host);
        assertThat(ApplicationSessionCookieConfig.createSessionCookie(tomcat, "id", true).getSecure()).isTrue();
        assertThat(ApplicationSessionCookieConfig.createSessionCookie(tomcat, "id", false).getSecure()).isFalse();
    }

    @Test
    void aCookieSetAsAHeaderBecomesSecureOnce() {
        assertThat(SecurityHeaders.SecureCookies.secure("Set-Cookie", "a=b; Path=/")).isEqualTo("a=b; Path=/; Secure");
        assertThat(SecurityHeaders.SecureCookies.secure("set-cookie", "a=b; Secure; HttpOnly")).isEqualTo("a=b; Secure; HttpOnly");
        assertThat(SecurityHeaders.SecureCookies.secure("X-Other", "a=b")).isEqualTo("a=b");
    }

    /** The registered header filter in front of the security chains, as the container runs them. */
    private MockMvc mvc() {
        Filter headers = context.getBean("securityHeadersFilter", FilterRegistrationBean.class).getFilter();
        return MockMvcBuilders.webAppContextSetup(context).addFilters(headers)
                .apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
