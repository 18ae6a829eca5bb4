package vn.dancu.eid;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.dancu.identity.Staff;

/**
 * The OpenID Connect provider (Spring Authorization Server). Its endpoints get their own filter
 * chain; citizens log in on the e-ID pages and staff applications' users on the staff login page.
 * Around the server's own rules it adds what the e-ID system needs: a login of the kind of
 * person the client serves, step-up to level 2 when the relying party asks for it, pairwise
 * subjects, and {@code acr}/{@code amr} in the ID token.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    static final String UNMET = "unmet_authentication_requirements";

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${dancu.oidc.issuer:}") String issuer) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (!issuer.isBlank()) {
            settings.issuer(issuer.strip());
        }
        return settings.build();
    }

    /**
     * Reading a stored authorization also reads its client. Outside a transaction that second read
     * takes a second connection while the first is still held: a burst of token checks then holds
     * every connection of the pool and waits for one more (seen under load). In a transaction both
     * reads share one connection.
     */
    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RelyingParties relyingParties,
                                                    org.springframework.transaction.PlatformTransactionManager transactions) {
        var reads = new org.springframework.transaction.support.TransactionTemplate(transactions);
        reads.setReadOnly(true);
        return new JdbcOAuth2AuthorizationService(jdbc, relyingParties) {
            @Override
            public org.springframework.security.oauth2.server.authorization.OAuth2Authorization findByToken(
                    String token, org.springframework.security.oauth2.server.authorization.OAuth2TokenType type) {
                return reads.execute(status -> super.findByToken(token, type));
            }

            @Override
            public org.springframework.security.oauth2.server.authorization.OAuth2Authorization findById(String id) {
                return reads.execute(status -> super.findById(id));
            }
        };
    }

    /** Tokens of this provider, checked against its own keys (no HTTP round trip to itself). */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) {
        return NimbusJwtDecoder.withJwkSource(keys).build();
    }

    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RelyingParties relyingParties, Consents consents,
                                                 CitizenClaims claims, CitizenSessions sessions,
                                                 CitizenAccountRepository accounts) throws Exception {
        http.oauth2AuthorizationServer(as -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.registeredClientRepository(relyingParties)
                    .authorizationConsentService(consents)
                    .clientAuthentication(clients -> clients.authenticationProviders(providers -> providers.forEach(p -> {
                        if (p instanceof ClientSecretAuthenticationProvider secret) {
                            secret.setPasswordEncoder(new ClientSecrets());
                        }
                    })))
                    .authorizationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent")
                            .authenticationProviders(providers -> providers.forEach(p -> {
                                if (p instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                                    codes.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                            .andThen(assuranceValidator(relyingParties)));
                                }
                            })))
                    .oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context ->
                                    userInfo(context, relyingParties, claims)))
                            .providerConfigurationEndpoint(config -> config.providerConfigurationCustomizer(metadata -> metadata
                                    .subjectTypes(types -> {
                                        types.clear();
                                        types.add("pairwise");
                                    })
                                    .scopes(scopes -> {
                                        scopes.clear();
                                        scopes.addAll(OidcClaims.USER_SCOPES);
                                    })
                                    .tokenEndpointAuthenticationMethods(AuthorizationServerConfiguration::supportedMethods)
                                    .tokenRevocationEndpointAuthenticationMethods(AuthorizationServerConfiguration::supportedMethods)
                                    .tokenIntrospectionEndpointAuthenticationMethods(AuthorizationServerConfiguration::supportedMethods)
                                    .grantTypes(grants -> grants.remove("urn:ietf:params:oauth:grant-type:token-exchange"))
                                    .claim("acr_values_supported", List.of(CitizenPrincipal.LOA_1, CitizenPrincipal.LOA_2))
                                    .claim("claims_supported", claimsSupported())
                                    .claim("ui_locales_supported", List.of("vi", "en")))));
        });
        http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> {
                }))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor((request, response, e) ->
                        response.sendRedirect(request.getContextPath() + loginPage(request, relyingParties)),
                        request -> request.getRequestURI().endsWith("/oauth2/authorize")))
                .addFilterAfter(new CitizenSessionFilter(sessions), SecurityContextHolderFilter.class)
                .addFilterAfter(new AuthorizeRequestFilter(relyingParties, accounts), CitizenSessionFilter.class);
        return http.build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SigningKeys keys, RelyingParties relyingParties,
                                                              CitizenClaims claims) {
        return context -> {
            context.getJwsHeader().keyId(keys.signingKid());
            Authentication principal = context.getPrincipal();
            RelyingParty rp = relyingParties.byId(context.getRegisteredClient().getId()).orElseThrow();
            Optional<Long> account = CitizenPrincipal.accountId(principal);
            String tokenType = context.getTokenType().getValue();
            if (account.isPresent()) {
                String acr = CitizenPrincipal.acr(CitizenPrincipal.loa(principal.getAuthorities()));
                // The registry's data goes out through UserInfo only: the ID token says who and how, not what.
                context.getClaims().subject(claims.subject(account.get(), rp));
                if ("id_token".equals(tokenType)) {
                    context.getClaims().claim("amr", CitizenPrincipal.amr(principal.getAuthorities()));
                }
                context.getClaims().claim("acr", acr);
                context.getClaims().claim(ClaimNames.PRINCIPAL_TYPE, "citizen");
            } else if (principal.getName().startsWith(StaffPrincipals.PREFIX)) {
                context.getClaims().claim("preferred_username", principal.getName().substring(StaffPrincipals.PREFIX.length()));
                // A mutable list: the authorization is stored as JSON whose type allowlist refuses immutable collections.
                context.getClaims().claim("amr", new ArrayList<>(List.of("pwd")));
                // Only the access token acts on the staff APIs; an ID token (which travels in logout URLs) must not.
                if ("access_token".equals(tokenType)) {
                    context.getClaims().claim(ClaimNames.PRINCIPAL_TYPE, "staff");
                }
            } else {
                context.getClaims().claim(ClaimNames.PRINCIPAL_TYPE, "client");
            }
        };
    }

    /** Names of the private claims this provider puts in its tokens. */
    static final class ClaimNames {
        static final String PRINCIPAL_TYPE = "dancu_pt";

        private ClaimNames() {
        }
    }

    private static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context, RelyingParties relyingParties,
                                         CitizenClaims claims) {
        OAuth2Authorization authorization = context.getAuthorization();
        Authentication principal = authorization.getAttribute(java.security.Principal.class.getName());
        RelyingParty rp = relyingParties.byId(authorization.getRegisteredClientId()).orElseThrow();
        Optional<Long> account = CitizenPrincipal.accountId(principal);
        if (account.isEmpty()) {
            return new OidcUserInfo(Map.of("sub", authorization.getPrincipalName()));
        }
        return new OidcUserInfo(claims.release(account.get(), rp, context.getAccessToken().getScopes()));
    }

    private static String loginPage(HttpServletRequest request, RelyingParties relyingParties) {
        boolean staffApp = relyingParties.byClientId(request.getParameter("client_id"))
                .map(rp -> rp.kind() == RelyingParty.Kind.STAFF_APP).orElse(false);
        return staffApp ? "/login" : "/eid/login";
    }

    /**
     * The level the relying party needs: the weakest of the {@code acr_values} it asked for that
     * its registration allows, or the weakest it is allowed. A level this login has not reached
     * was sent to step-up by {@link AuthorizeRequestFilter} when the account can reach it; when
     * it cannot (a level-1 account asked for level 2), the relying party is told so.
     */
    static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> assuranceValidator(RelyingParties relyingParties) {
        return context -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            if (!(request.getPrincipal() instanceof Authentication user) || !CitizenPrincipal.isCitizen(user)) {
                return;
            }
            RelyingParty rp = relyingParties.byId(context.getRegisteredClient().getId()).orElseThrow();
            int required = requiredLoa(rp, (String) request.getAdditionalParameters().get("acr_values"));
            if (CitizenPrincipal.loa(user.getAuthorities()) < required) {
                String redirect = request.getRedirectUri() != null ? request.getRedirectUri()
                        : context.getRegisteredClient().getRedirectUris().iterator().next();
                var result = new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                        request.getClientId(), user, redirect, request.getState(), request.getScopes(),
                        request.getAdditionalParameters());
                result.setAuthenticated(true);
                throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(UNMET,
                        "The account does not reach the level of assurance asked for; level 2 is activated in person at the police", null), result);
            }
        };
    }

    private static void supportedMethods(List<String> methods) {
        methods.clear();
        methods.addAll(List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
    }

    private static List<String> claimsSupported() {
        List<String> names = new ArrayList<>(List.of("sub", "acr", "amr", "auth_time", "phone_number_verified"));
        OidcClaims.CLAIMS_OF_SCOPE.values().forEach(names::addAll);
        return names;
    }

    static int requiredLoa(RelyingParty rp, String acrValues) {
        List<String> allowed = rp.allowedAcr();
        List<Integer> asked = acrValues == null ? List.of() : Arrays.stream(acrValues.trim().split("\\s+"))
                .filter(allowed::contains).map(CitizenPrincipal::loaOf).filter(l -> l > 0).toList();
        List<Integer> levels = asked.isEmpty() ? allowed.stream().map(CitizenPrincipal::loaOf).toList() : asked;
        return levels.stream().mapToInt(Integer::intValue).min().orElse(1);
    }

    /**
     * Before the authorization endpoint: a citizen's login counts only for relying parties and a
     * staff login only for staff applications (anyone else is sent to the right login page); a
     * staff login is presented to the server as a plain token it can store; and a level-2
     * account signed in with one factor is sent to give the second when level 2 is needed.
     */
    static final class AuthorizeRequestFilter extends OncePerRequestFilter {

        private final RelyingParties relyingParties;
        private final CitizenAccountRepository accounts;
        private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

        AuthorizeRequestFilter(RelyingParties relyingParties, CitizenAccountRepository accounts) {
            this.relyingParties = relyingParties;
            this.accounts = accounts;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().endsWith("/oauth2/authorize") && !request.getRequestURI().endsWith("/connect/logout");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (request.getRequestURI().endsWith("/connect/logout")) {
                // Logout compares the login with the one its ID token was issued to: the same name, staff:<username>.
                if (auth != null && auth.getPrincipal() instanceof Staff staff) {
                    runAs(StaffPrincipals.of(staff, auth.getAuthorities()), request, response, chain);
                } else {
                    chain.doFilter(request, response);
                }
                return;
            }
            Optional<RelyingParty> rp = relyingParties.byClientId(request.getParameter("client_id"));
            if (rp.isEmpty() || auth == null) {
                chain.doFilter(request, response);
                return;
            }
            boolean staffApp = rp.get().kind() == RelyingParty.Kind.STAFF_APP;
            if (staffApp && auth.getPrincipal() instanceof Staff staff) {
                runAs(StaffPrincipals.of(staff, auth.getAuthorities()), request, response, chain);
            } else if (staffApp || !CitizenPrincipal.isCitizen(auth)) {
                runAs(null, request, response, chain);
            } else if (needsStepUp(rp.get(), auth, request)) {
                requests.saveRequest(request, response);
                response.sendRedirect(request.getContextPath() + "/eid/login/step-up");
            } else {
                chain.doFilter(request, response);
            }
        }

        private boolean needsStepUp(RelyingParty rp, Authentication auth, HttpServletRequest request) {
            int required = requiredLoa(rp, request.getParameter("acr_values"));
            if (CitizenPrincipal.loa(auth.getAuthorities()) >= required) {
                return false;
            }
            return CitizenPrincipal.accountId(auth).flatMap(accounts::find).map(a -> a.level() >= required).orElse(false);
        }

        /** This request only: the session keeps its own login. */
        private static void runAs(Authentication auth, HttpServletRequest request, HttpServletResponse response,
                                  FilterChain chain) throws ServletException, IOException {
            var original = SecurityContextHolder.getContext();
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.setContext(original);
            }
        }
    }

    /** A citizen's request counts only while its session row is open: revocation and "end session" act at once. */
    static final class CitizenSessionFilter extends OncePerRequestFilter {

        private final CitizenSessions sessions;

        CitizenSessionFilter(CitizenSessions sessions) {
            this.sessions = sessions;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            Optional<Long> account = CitizenPrincipal.accountId(auth);
            if (account.isPresent()) {
                HttpSession session = request.getSession(false);
                Object id = session == null ? null : session.getAttribute(CitizenSessions.ATTRIBUTE);
                if (!(id instanceof String sessionId) || !sessions.touch(sessionId, account.get())) {
                    SecurityContextHolder.clearContext();
                    if (session != null) {
                        session.invalidate();
                    }
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** Staff logins as the authorization server stores them: standard types, the name {@code staff:<username>}. */
    static final class StaffPrincipals {
        static final String PREFIX = "staff:";

        private StaffPrincipals() {
        }

        static Authentication of(Staff staff, java.util.Collection<? extends GrantedAuthority> authorities) {
            List<GrantedAuthority> copy = new ArrayList<>();
            authorities.forEach(a -> copy.add(a instanceof org.springframework.security.core.authority.FactorGrantedAuthority f
                    ? f : new org.springframework.security.core.authority.SimpleGrantedAuthority(a.getAuthority())));
            return UsernamePasswordAuthenticationToken.authenticated(PREFIX + staff.username(), null, copy);
        }
    }
}
