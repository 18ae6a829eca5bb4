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
    SecurityFilterChain citizenChain(HttpSecurity http, CitizenSessions sessions, CitizenBearerTokens bearerTokens,
                                     org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder) throws Exception {
        var jwtProvider = new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider(jwtDecoder);
        jwtProvider.setJwtAuthenticationConverter(bearerTokens);
        var api = org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults()
                .matcher("/api/v1/me/**");
        // the passkey ceremonies' JSON calls (PasskeyCeremonies): refused with problem+json, never a login page
        org.springframework.security.web.util.matcher.RequestMatcher passkeyCalls = request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/eid/webauthn/") || path.equals(PasskeyCeremonies.LOGIN);
        };
        // pages of /eid/ that the authorisation matrix declares (the passkeys') are decided by their row
        org.springframework.security.web.util.matcher.RequestMatcher declared = request ->
                request.getRequestURI().startsWith(request.getContextPath() + "/eid/")
                        && vn.dancu.identity.AuthorizationMatrix.ruleFor(request).isPresent();
        http.securityMatcher("/eid/**", "/oauth2/consent", "/api/v1/me/**")
                // A token that fails is answered as every API refusal is: problem+json with its code.
                .oauth2ResourceServer(rs -> rs.authenticationEntryPoint((request, response, e) -> {
                    if (!api.matches(request)) {
                        new org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint()
                                .commence(request, response, e);
                        return;
                    }
                    response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                    vn.dancu.platform.ProblemResponses.write(request, response, org.springframework.http.HttpStatus.UNAUTHORIZED,
                            "UNAUTHENTICATED", "The access token is not valid; log in as the citizen, or send a token with the access_log scope");
                }).jwt(jwt -> jwt.authenticationManager(new org.springframework.security.authentication.ProviderManager(jwtProvider))))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(declared).access((authentication, context) -> {
                            var rule = vn.dancu.identity.AuthorizationMatrix.ruleFor(context.getRequest()).orElseThrow();
                            var login = authentication.get();
                            return new org.springframework.security.authorization.AuthorizationDecision(rule.isPublic()
                                    || CitizenPrincipal.isCitizen(login) && rule.admits(vn.dancu.identity.AuthorizationMatrix.Caller.CITIZEN));
                        })
                        .requestMatchers("/eid/login", "/eid/login/**", "/eid/register", "/eid/register/**", "/eid/recover",
                                "/eid/recover/**", "/eid/outbox").permitAll()
                        // the API: the operations the authorisation matrix gives the citizen, and no other
                        .requestMatchers(api).access(org.springframework.security.authorization.AuthorizationManagers.allOf(
                                org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole("CITIZEN"),
                                (authentication, context) -> new org.springframework.security.authorization.AuthorizationDecision(
                                        vn.dancu.identity.AuthorizationMatrix.ruleFor(context.getRequest())
                                                .map(r -> r.admits(vn.dancu.identity.AuthorizationMatrix.Caller.CITIZEN)).orElse(false))))
                        .anyRequest().hasRole("CITIZEN"))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor((request, response, e) -> vn.dancu.platform.ProblemResponses.write(
                                request, response, org.springframework.http.HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                                "Log in as the citizen, or send an access token with the access_log scope"), api)
                        .defaultAuthenticationEntryPointFor((request, response, e) -> vn.dancu.platform.ProblemResponses.write(
                                request, response, org.springframework.http.HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                                "Log in as the citizen first"), passkeyCalls)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/eid/login"), request -> true)
                        .defaultAccessDeniedHandlerFor((request, response, e) -> vn.dancu.platform.ProblemResponses.write(
                                request, response, org.springframework.http.HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "Only the citizen, or a token with the access_log scope, reads this"), api)
                        .defaultAccessDeniedHandlerFor((request, response, e) -> {
                            boolean csrf = e instanceof org.springframework.security.web.csrf.CsrfException;
                            vn.dancu.platform.ProblemResponses.write(request, response, org.springframework.http.HttpStatus.FORBIDDEN,
                                    csrf ? "CSRF_TOKEN_REQUIRED" : "FORBIDDEN", csrf
                                            ? "Send the page's CSRF token in the X-CSRF-TOKEN header" : "Only the citizen does this");
                        }, passkeyCalls))
                .addFilterAfter(new AuthorizationServerConfiguration.CitizenSessionFilter(sessions), SecurityContextHolderFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
                                + "form-action 'self' http: https:")));
        return http.build();
    }
}
