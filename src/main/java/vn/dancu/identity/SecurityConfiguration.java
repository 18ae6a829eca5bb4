package vn.dancu.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import vn.dancu.platform.ProblemResponses;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** Argon2id with Spring Security's current parameters (16 MiB, 2 iterations). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /**
     * No Micrometer observation around each security filter and authorization: the platform reads none of them
     * (requests are timed by {@code http.server.requests}), and wrapping the twenty filters of every request cost
     * about 5% of the JVM's time per person lookup (docs/benchmarks.md).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationManager authenticationManager(StaffAuthenticationProvider staff) {
        return new ProviderManager(staff);
    }

    /**
     * One chain for pages and API. Pages log in with a form and the second factor; API callers with
     * a staff application's bearer token, or an API session opened with password and one-time code
     * ({@code POST /api/v1/auth/session}), whose cookie they send back. HTTP Basic, a password alone
     * on every call and no session, only in demo mode (the README's walkthroughs). CSRF tokens are required for
     * state changes that rely on the cookie alone: a request that carries its own Authorization
     * header cannot be forged by another site.
     */
    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                            StaffBearerTokens bearerTokens,
                                            org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder,
                                            SecondFactors secondFactors, StaffAccountRepository accounts,
                                            org.springframework.jdbc.core.simple.JdbcClient jdbc, java.time.Clock clock,
                                            org.springframework.core.env.Environment env,
                                            @org.springframework.beans.factory.annotation.Value("${dancu.demo:false}") boolean demo)
            throws Exception {
        // The chain's own authentication manager knows passwords only; bearer tokens get theirs.
        var jwtProvider = new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider(jwtDecoder);
        jwtProvider.setJwtAuthenticationConverter(bearerTokens);
        SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
        // the IOC's JSON (/ioc/api/) and live updates (/ioc/events) are refused as the API is: problem+json, no login page
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/ioc/api/")
                || request.getRequestURI().equals(request.getContextPath() + "/ioc/events");
        var unauthenticated = unauthenticated(demo);
        // outside demo mode a password alone opens no API call: HTTP Basic is not even read (docs/staff-login.md)
        if (demo) {
            http.httpBasic(basic -> basic.realmName("dancu").securityContextRepository(new RequestAttributeSecurityContextRepository())
                    .authenticationEntryPoint(unauthenticated));
        }
        // first of all, once a login is known: a changed or disabled account's session ends (same place as the gate below, added first)
        http.addFilterAfter(new StaffSessionCheck(accounts), org.springframework.security.web.access.ExceptionTranslationFilter.class);
        // the second factor: its step, the passkeys, and the gate that holds a login until it is given
        StaffWebAuthn.configure(http, jdbc, secondFactors, accounts, env, clock, contexts);
        http.authenticationManager(authenticationManager)
                .securityContext(context -> context.securityContextRepository(contexts))
                .authorizeHttpRequests(auth -> {
                    // the matrix's rows, most specific first; what no row declares, nobody may call
                    AuthorizationMatrix.IN_ORDER.forEach(rule -> auth.requestMatchers(
                            request -> rule.matches(request.getMethod(), AuthorizationMatrix.pathOf(request))).access(decide(rule)));
                    auth.anyRequest().denyAll();
                })
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.authenticationManager(new ProviderManager(jwtProvider)))
                        .authenticationEntryPoint(unauthenticated))
                .formLogin(form -> form.loginPage("/login").successHandler(landing())
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath() + "/login?error")))
                .logout(logout -> logout.logoutSuccessUrl("/"))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(unauthenticated, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .defaultAccessDeniedHandlerFor(SecurityConfiguration::refused, api))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
        // once the second factor is given, and before the matrix: a one-time password is changed before anything else
        http.addFilterBefore(new PasswordChangeGate(), org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        return http.build();
    }

    /** A row of the matrix as the chain applies it: open, or a staff login of one of its roles. */
    static AuthorizationManager<RequestAuthorizationContext> decide(AuthorizationMatrix.Rule rule) {
        if (rule.isPublic()) {
            return (authentication, context) -> new AuthorizationDecision(true);
        }
        List<StaffRole> roles = rule.staffRoles();
        if (roles.isEmpty()) { // a member's or a citizen's row: their own chains admit them, never this one
            return (authentication, context) -> new AuthorizationDecision(false);
        }
        return AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasAuthority(Staff.AUTHORITY),
                AuthorityAuthorizationManager.hasAnyRole(roles.stream().map(Enum::name).toArray(String[]::new)));
    }

    /** A refusal on the API names why: the row's code (e.g. ROLE_CANNOT_READ_PERSONS), or the missing CSRF token. */
    private static void refused(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                org.springframework.security.access.AccessDeniedException e) throws java.io.IOException {
        if (e instanceof org.springframework.security.web.csrf.CsrfException) {
            ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "CSRF_TOKEN_REQUIRED",
                    "A change authenticated by the session cookie alone needs a CSRF token; send the Authorization header instead");
            return;
        }
        var rule = AuthorizationMatrix.ruleFor(request);
        if (rule.isPresent()) {
            ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, rule.get().refusal().name(), rule.get().refusal().detail);
        } else if (AuthorizationMatrix.declaresPath(request)) {
            // nobody may call what the matrix does not declare; a signed-in caller learns only what the API document says
            ProblemResponses.write(request, response, HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                    "This operation does not take " + request.getMethod());
        } else {
            ProblemResponses.write(request, response, HttpStatus.NOT_FOUND, "NOT_FOUND", "No such operation");
        }
    }

    /**
     * Where a staff login lands: back on the page that asked for it, else the person search, the
     * worklist of applications for the officers whose work is mostly there, the inspection for
     * auditors, the relying parties for administrators, the IOC for leaders.
     */
    private static org.springframework.security.web.authentication.AuthenticationSuccessHandler landing() {
        return new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            protected String determineTargetUrl(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                                org.springframework.security.core.Authentication authentication) {
                return authentication.getPrincipal() instanceof Staff staff ? landingPage(staff) : "/";
            }
        };
    }

    /** Each role lands on a page it may open: auditors and administrators read no persons. */
    static String landingPage(Staff staff) {
        return switch (staff.role()) {
            case AUDITOR -> "/staff/audit";
            case ADMIN -> "/staff/admin/relying-parties";
            case LEADER -> "/ioc";
            default -> WORKLIST_FIRST.contains(staff.role()) ? "/staff/worklist" : "/staff/persons";
        };
    }

    /** The officers of an agency other than the police act on applications (all but justice may not search persons). */
    private static final Set<StaffRole> WORKLIST_FIRST = Set.of(StaffRole.JUSTICE_OFFICER, StaffRole.SOCIAL_INSURANCE_OFFICER,
            StaffRole.LABOUR_OFFICER, StaffRole.TAX_OFFICER, StaffRole.LAND_OFFICER, StaffRole.EDUCATION_OFFICER,
            StaffRole.ELECTRICITY_OFFICER);

    /**
     * Header values may carry UTF-8 (a purpose written in Vietnamese arrives as raw UTF-8 bytes);
     * control characters are still refused.
     */
    @Bean
    @ConditionalOnWebApplication
    org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
        var firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedHeaderValues(value -> value.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f));
        return firewall;
    }

    /**
     * One answer for an unknown user, a wrong password and a locked account. The Basic challenge
     * goes to API clients only: a browser that never sees it never caches credentials, which another
     * site's form could then send along (the CSRF exemption relies on the Authorization header).
     */
    private static org.springframework.security.web.AuthenticationEntryPoint unauthenticated(boolean demo) {
        String how = demo ? "HTTP Basic (demo mode only), an API session (POST /api/v1/auth/session) or a bearer token"
                : "an API session opened with password and one-time code (POST /api/v1/auth/session) or a bearer token";
        return (request, response, e) -> {
            String accept = request.getHeader("Accept");
            if (demo && (accept == null || !accept.contains("text/html"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"dancu\"");
            }
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                    "Sign in with a staff account: " + how + " of the platform's OpenID provider. "
                            + "After repeated wrong passwords or codes an account is locked for a while.");
        };
    }

    /**
     * A change needs a CSRF token when a browser could send it with ambient credentials: the session
     * cookie. An API call with neither an Authorization header nor a session carries none, so it is
     * answered as what it is, unauthenticated (401), not as a missing token.
     */
    private static boolean needsCsrfToken(HttpServletRequest request) {
        boolean apiWithoutSession = request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                && request.getRequestedSessionId() == null;
        return !SAFE_METHODS.contains(request.getMethod()) && request.getHeader("Authorization") == null && !apiWithoutSession
                && !request.getRequestURI().equals(request.getContextPath() + "/api/v1/verify") // changes nothing
                && !SessionController.isLogin(request); // its credentials are in a JSON body, which no other site can send
    }
}
