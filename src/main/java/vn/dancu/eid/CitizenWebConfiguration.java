package vn.dancu.eid;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The citizens' pages: login, registration and recovery are open; the account pages and the
 * consent page need a citizen's login. Logins are made by {@link CitizenPages} (two steps), not
 * by a Spring form login.
 */
@Configuration(proxyBeanMethods = false)
class CitizenWebConfiguration {

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain citizenChain(HttpSecurity http, CitizenSessions sessions) throws Exception {
        http.securityMatcher("/eid/**", "/oauth2/consent")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/eid/login", "/eid/login/**", "/eid/register", "/eid/register/**", "/eid/recover",
                                "/eid/recover/**", "/eid/outbox").permitAll()
                        .anyRequest().hasRole("CITIZEN"))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/eid/login")))
                .addFilterAfter(new AuthorizationServerConfiguration.CitizenSessionFilter(sessions), SecurityContextHolderFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
                                + "form-action 'self' http: https:")));
        return http.build();
    }
}
