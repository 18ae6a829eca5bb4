package vn.dancu.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * "Cổng Dịch vụ công quốc gia (demo)": a relying party living in the same process but configured
 * exactly as an outside portal would be, a Spring Security OAuth2 client talking to the provider
 * over HTTP. Its login is kept under its own session key, apart from the provider's own login,
 * as it would be on another host.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dancu.demo", havingValue = "true")
class DemoPortal {

    static final String CLIENT_ID = "demo-portal";
    static final String REGISTRATION = "dancu";
    static final String BASE = "/demo/portal";

    /** Built on first use, when the port the platform listens on is known. */
    @Bean
    ClientRegistrationRepository demoPortalClients(Environment env) {
        return new ClientRegistrationRepository() {
            private volatile ClientRegistration registration;

            @Override
            public ClientRegistration findByRegistrationId(String id) {
                if (!REGISTRATION.equals(id)) {
                    return null;
                }
                if (registration == null) {
                    String provider = "http://127.0.0.1:" + env.getProperty("local.server.port", "8080");
                    registration = ClientRegistration.withRegistrationId(REGISTRATION)
                            .clientId(CLIENT_ID).clientSecret(DemoData.PASSWORD)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri("{baseUrl}" + BASE + "/login/oauth2/code/{registrationId}")
                            .scope("openid", "profile", "address", "phone", "personal_id", "household")
                            .authorizationUri("/oauth2/authorize")
                            .tokenUri(provider + "/oauth2/token")
                            .jwkSetUri(provider + "/oauth2/jwks")
                            .userInfoUri(provider + "/userinfo")
                            .userNameAttributeName("sub")
                            .clientName("dancu")
                            .providerConfigurationMetadata(Map.of("end_session_endpoint", "/connect/logout"))
                            .build();
                }
                return registration;
            }
        };
    }

    @Bean
    @Order(3)
    @ConditionalOnWebApplication
    SecurityFilterChain demoPortalChain(HttpSecurity http, ClientRegistrationRepository clients) throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey("DEMO_PORTAL_SECURITY_CONTEXT");
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(clients);
        logout.setPostLogoutRedirectUri("{baseUrl}" + BASE);
        http.securityMatcher(BASE, BASE + "/**")
                .securityContext(c -> c.securityContextRepository(contexts))
                .authorizeHttpRequests(auth -> auth.requestMatchers(BASE).permitAll().anyRequest().authenticated())
                .oauth2Login(login -> login.loginPage(BASE)
                        .clientRegistrationRepository(clients)
                        .authorizationEndpoint(a -> a.baseUri(BASE + "/oauth2/authorization")
                                .authorizationRequestResolver(resolver(clients)))
                        .redirectionEndpoint(r -> r.baseUri(BASE + "/login/oauth2/code/*"))
                        .securityContextRepository(contexts)
                        .defaultSuccessUrl(BASE, true))
                .logout(l -> l.logoutUrl(BASE + "/logout").invalidateHttpSession(false).logoutSuccessHandler(logout));
        return http.build();
    }

    /** PKCE always; {@code ?level=2} asks for level of assurance 2. */
    private static OAuth2AuthorizationRequestResolver resolver(ClientRegistrationRepository clients) {
        DefaultOAuth2AuthorizationRequestResolver base = new DefaultOAuth2AuthorizationRequestResolver(clients,
                BASE + "/oauth2/authorization");
        base.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return withLevel(request, base.resolve(request));
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
                return withLevel(request, base.resolve(request, clientRegistrationId));
            }
        };
    }

    private static OAuth2AuthorizationRequest withLevel(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
        if (resolved == null) {
            return null;
        }
        String acr = "2".equals(request.getParameter("level")) ? "urn:dancu:loa:2" : "urn:dancu:loa:1";
        Map<String, Object> params = new LinkedHashMap<>(resolved.getAdditionalParameters());
        params.put("acr_values", acr);
        return OAuth2AuthorizationRequest.from(resolved).additionalParameters(params).build();
    }

    @RestController
    @ConditionalOnProperty(name = "dancu.demo", havingValue = "true")
    static class PortalPage {

        private final String version;

        PortalPage(@Value("${spring.application.name}") String name) {
            this.version = name;
        }

        @GetMapping(value = BASE, produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
        String portal(@AuthenticationPrincipal OidcUser user, HttpServletRequest request) {
            StringBuilder body = new StringBuilder();
            if (user == null) {
                String error = request.getParameter("error");
                if (error != null) {
                    body.append("<p class='err'>Đăng nhập không thành công.</p>");
                }
                body.append("<p>Đăng nhập bằng tài khoản định danh điện tử do Bộ Công an cấp để thực hiện dịch vụ công.</p>")
                        .append("<p><a class='btn' href='").append(BASE).append("/oauth2/authorization/dancu'>Đăng nhập bằng tài khoản định danh điện tử</a></p>")
                        .append("<p><a href='").append(BASE).append("/oauth2/authorization/dancu?level=2'>Đăng nhập mức 2 (thủ tục yêu cầu mức độ 2)</a></p>");
            } else {
                body.append("<p id='welcome'>Xin chào <strong>").append(esc(String.valueOf(user.getClaims().get("name"))))
                        .append("</strong>. Cổng đã nhận các thông tin sau từ hệ thống định danh điện tử:</p><table id='claims'>");
                new TreeMap<>(user.getClaims()).forEach((k, v) -> body.append("<tr><th>").append(esc(k)).append("</th><td>")
                        .append(claim(v)).append("</td></tr>"));
                body.append("</table><form method='post' action='").append(BASE).append("/logout'>")
                        .append("<input type='hidden' name='_csrf' value='").append(csrf(request)).append("'>")
                        .append("<button type='submit'>Đăng xuất</button></form>");
            }
            return """
                    <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Cổng Dịch vụ công quốc gia (demo)</title>
                    <style>body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1d2733}
                    header{background:#b71c1c;color:#fff;padding:1rem 1.5rem}main{padding:1.5rem;max-width:60rem}
                    .btn{display:inline-block;background:#b71c1c;color:#fff;padding:.7rem 1.2rem;border-radius:.3rem;text-decoration:none}
                    table{border-collapse:collapse;background:#fff}th,td{border:1px solid #ccd;padding:.35rem .6rem;text-align:left;vertical-align:top;word-break:break-word}
                    .err{color:#b71c1c}ul.claim{margin:0;padding-left:1.1rem}</style></head><body>
                    <header><strong>Cổng Dịch vụ công quốc gia (demo)</strong> · một bên sử dụng định danh điện tử (relying party) trình diễn</header>
                    <main>%s</main></body></html>""".formatted(body);
        }

        /**
         * A claim's value as escaped HTML a person reads: an address by its {@code formatted} text,
         * another object as "name: value" lines (one line per object in a list, such as a
         * household's members), a list of plain values joined by commas, never Java's own
         * {@code {key=value}} text.
         */
        static String claim(Object value) {
            if (value instanceof Map<?, ?> object) {
                if (object.get("formatted") instanceof String formatted) {
                    return esc(formatted);
                }
                StringBuilder lines = new StringBuilder("<ul class='claim'>");
                object.forEach((k, v) -> lines.append("<li>").append(esc(String.valueOf(k))).append(": ").append(claim(v))
                        .append("</li>"));
                return lines.append("</ul>").toString();
            }
            if (value instanceof Collection<?> list) {
                if (list.stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof Collection<?>)) {
                    return esc(list.stream().map(String::valueOf).collect(Collectors.joining(", ")));
                }
                StringBuilder items = new StringBuilder("<ul class='claim'>");
                list.forEach(v -> items.append("<li>").append(v instanceof Map<?, ?> entry && !entry.containsKey("formatted")
                        ? entry.entrySet().stream().map(e -> esc(String.valueOf(e.getKey())) + ": " + claim(e.getValue()))
                                .collect(Collectors.joining(", "))
                        : claim(v)).append("</li>"));
                return items.append("</ul>").toString();
            }
            return esc(String.valueOf(value));
        }

        private static String csrf(HttpServletRequest request) {
            var token = (org.springframework.security.web.csrf.CsrfToken) request.getAttribute(
                    org.springframework.security.web.csrf.CsrfToken.class.getName());
            return token == null ? "" : token.getToken();
        }

        private static String esc(String text) {
            return HtmlUtils.htmlEscape(text, "UTF-8"); // Vietnamese letters as they are, not as &igrave; entities
        }
    }
}
