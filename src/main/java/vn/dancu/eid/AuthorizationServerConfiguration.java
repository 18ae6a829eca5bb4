package vn.dancu.eid;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
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
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
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

    /**
     * No issuer here: it is {@link Issuer}'s one configured value, set for each request by
     * {@link OneIssuerFilter} (read when first needed, see there).
     */
    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /**
     * Spring Authorization Server's own session tracking, switched off: it keeps the principal's
     * HTTP sessions in one node's memory (never emptied without a session event publisher) and at
     * the code exchange takes the principal's most recent one for the ID token's {@code sid}, so
     * that with the citizen on two devices one device got the other's {@code sid} and its logout was
     * refused (spring-authorization-server#1547). The {@code sid} is the sign-in the authorization
     * was made in ({@link SignIns}), set by the token customizer, and checked by {@link RpInitiatedLogout}.
     */
    @Bean
    SessionRegistry oidcSessionRegistry() {
        return new SessionRegistry() {
            @Override
            public List<Object> getAllPrincipals() {
                return List.of();
            }

            @Override
            public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
                return List.of();
            }

            @Override
            public SessionInformation getSessionInformation(String sessionId) {
                return null;
            }

            @Override
            public void refreshLastRequest(String sessionId) {
            }

            @Override
            public void registerNewSession(String sessionId, Object principal) {
            }

            @Override
            public void removeSessionInformation(String sessionId) {
            }
        };
    }

    /**
     * Authorizations in Spring Authorization Server's table, except client_credentials tokens, which
     * are not stored ({@link ClientTokens}). Reading a stored authorization also reads its client.
     * Outside a transaction that second read takes a second connection while the first is still held:
     * a burst of token checks then holds every connection of the pool and waits for one more (seen
     * under load). In a transaction both reads share one connection.
     */
    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, org.springframework.jdbc.core.simple.JdbcClient jdbcClient,
                                                    RelyingParties relyingParties, JwtDecoder jwtDecoder,
                                                    org.springframework.transaction.PlatformTransactionManager transactions) {
        var reads = new org.springframework.transaction.support.TransactionTemplate(transactions);
        reads.setReadOnly(true);
        return new ClientTokens(storedAuthorizations(jdbc, relyingParties, reads), jwtDecoder, relyingParties, jdbcClient);
    }

    private static OAuth2AuthorizationService storedAuthorizations(JdbcTemplate jdbc, RelyingParties relyingParties,
                                                                   org.springframework.transaction.support.TransactionTemplate reads) {
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

    /**
     * Access tokens of this provider on the platform's own APIs, checked against its own keys (no
     * HTTP round trip to itself) as RFC 9068 says: {@code typ} {@code at+jwt} (an ID token is not an
     * access token), this issuer, the platform as audience, a client, a subject, times and an id.
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, Issuer issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator().validators(checks -> {
            checks.put("iss", jwt -> issuer.value().equals(jwt.getClaimAsString("iss")) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Another issuer", null)));
            checks.put("aud", jwt -> jwt.getAudience() != null && jwt.getAudience().contains(issuer.value())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Not for this platform", null)));
            checks.put("client_id", jwt -> jwt.getClaimAsString("client_id") != null ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "No client_id", null)));
        }).build());
        return decoder;
    }

    @Bean
    @Order(1)
    @ConditionalOnWebApplication
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RelyingParties relyingParties, Consents consents,
                                                 CitizenClaims claims, CitizenSessions sessions,
                                                 CitizenAccountRepository accounts, Issuer issuer,
                                                 SigningKeys keys) throws Exception {
        AuthorizationResponses responses = new AuthorizationResponses(issuer, relyingParties);
        RpInitiatedLogout logout = new RpInitiatedLogout(keys, issuer, relyingParties, claims);
        http.oauth2AuthorizationServer(as -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.registeredClientRepository(relyingParties)
                    .authorizationConsentService(consents)
                    .clientAuthentication(clients -> clients.authenticationProviders(providers -> providers.forEach(p -> {
                        if (p instanceof ClientSecretAuthenticationProvider secret) {
                            secret.setPasswordEncoder(new ClientSecrets());
                        }
                    })))
                    .authorizationServerMetadataEndpoint(endpoint -> endpoint.authorizationServerMetadataCustomizer(metadata ->
                            metadata.claims(AuthorizationServerConfiguration::onlyWhatClientsCanUse)))
                    .authorizationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent")
                            .authorizationResponseHandler(responses)
                            .errorResponseHandler(responses)
                            .authenticationProviders(providers -> providers.forEach(p -> {
                                if (p instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                                    codes.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                            .andThen(assuranceValidator(relyingParties)));
                                }
                            })))
                    .oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context ->
                                    userInfo(context, relyingParties, claims)))
                            .logoutEndpoint(endpoint -> endpoint.authenticationProviders(providers ->
                                    providers.replaceAll(p -> p instanceof OidcLogoutAuthenticationProvider ? logout : p)))
                            .providerConfigurationEndpoint(config -> config.providerConfigurationCustomizer(metadata -> metadata
                                    .subjectTypes(types -> {
                                        types.clear();
                                        types.add("pairwise");
                                    })
                                    .scopes(scopes -> {
                                        scopes.clear();
                                        scopes.addAll(OidcClaims.USER_SCOPES);
                                    })
                                    .claim("acr_values_supported", List.of(CitizenPrincipal.LOA_1, CitizenPrincipal.LOA_2))
                                    .claim("claims_supported", claimsSupported())
                                    .claim("ui_locales_supported", List.of("vi", "en"))
                                    .claims(AuthorizationServerConfiguration::onlyWhatClientsCanUse))));
        });
        // Before every endpoint of the server (the logout endpoint's filter is the earliest), after its own context filter.
        http.addFilterBefore(new OneIssuerFilter(issuer), LogoutFilter.class);
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
                                                              CitizenClaims claims, Issuer issuer) {
        return context -> {
            context.getJwsHeader().keyId(keys.signingKid());
            Authentication principal = context.getPrincipal();
            RelyingParty rp = relyingParties.byId(context.getRegisteredClient().getId()).orElseThrow();
            Optional<Long> account = CitizenPrincipal.accountId(principal);
            String tokenType = context.getTokenType().getValue();
            if ("access_token".equals(tokenType)) {
                // RFC 9068: typed, for the platform's APIs (its resource servers check the audience), naming the client.
                context.getJwsHeader().type("at+jwt");
                context.getClaims().audience(new ArrayList<>(List.of(issuer.value())));
                context.getClaims().claim("client_id", rp.clientId());
            } else if ("id_token".equals(tokenType)) {
                SignIns.of(principal).ifPresent(signIn -> context.getClaims().claim("sid", SignIns.sid(signIn)));
                authTime(principal).ifPresent(at -> context.getClaims().claims(c -> c.putIfAbsent("auth_time", at)));
            }
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
                context.getClaims().claim("amr", vn.dancu.identity.StaffLoginFactors.amr(principal.getAuthorities()));
                // Only the access token acts on the staff APIs; an ID token (which travels in logout URLs) must not.
                if ("access_token".equals(tokenType)) {
                    context.getClaims().claim(ClaimNames.PRINCIPAL_TYPE, "staff");
                }
            } else {
                context.getClaims().claim(ClaimNames.PRINCIPAL_TYPE, "client");
            }
        };
    }

    /** When the login's newest factor was given (what Spring Authorization Server puts in ID tokens it knows a session of). */
    private static Optional<Date> authTime(Authentication principal) {
        return principal.getAuthorities().stream()
                .filter(a -> a instanceof FactorGrantedAuthority).map(a -> ((FactorGrantedAuthority) a).getIssuedAt())
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).map(Date::from);
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

    /** What a client of this provider can register for (see {@link RelyingParties}); the rest is left out of discovery. */
    private static final List<String> METADATA = List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri",
            "userinfo_endpoint", "end_session_endpoint", "revocation_endpoint", "introspection_endpoint",
            "response_types_supported", "grant_types_supported", "subject_types_supported", "scopes_supported",
            "code_challenge_methods_supported", "id_token_signing_alg_values_supported", "token_endpoint_auth_methods_supported",
            "token_endpoint_auth_signing_alg_values_supported", "revocation_endpoint_auth_methods_supported",
            "introspection_endpoint_auth_methods_supported", "acr_values_supported", "claims_supported", "ui_locales_supported",
            "authorization_response_iss_parameter_supported");

    /**
     * Discovery says what clients can use, and only that. Spring Authorization Server announces all
     * it implements: certificate-bound tokens (RFC 8705), DPoP, client_secret_jwt and certificate
     * authentication, token exchange and the device flow, none of which a registration here offers.
     */
    static void onlyWhatClientsCanUse(Map<String, Object> metadata) {
        List<String> confidential = new ArrayList<>(List.of("client_secret_basic", "client_secret_post", "private_key_jwt"));
        List<String> token = new ArrayList<>(confidential);
        // Public relying parties authenticate nowhere but at the token endpoint, with PKCE.
        token.add("none");
        metadata.put("token_endpoint_auth_methods_supported", token);
        metadata.put("token_endpoint_auth_signing_alg_values_supported", new ArrayList<>(List.of("RS256")));
        metadata.put("revocation_endpoint_auth_methods_supported", confidential);
        metadata.put("introspection_endpoint_auth_methods_supported", new ArrayList<>(confidential));
        metadata.put("grant_types_supported", new ArrayList<>(List.of("authorization_code", "refresh_token", "client_credentials")));
        metadata.put("response_types_supported", new ArrayList<>(List.of("code")));
        metadata.put("authorization_response_iss_parameter_supported", true);
        metadata.keySet().retainAll(METADATA);
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
                    runAs(StaffPrincipals.of(staff, auth.getAuthorities(), request), request, response, chain);
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
            if (staffApp && auth.getPrincipal() instanceof Staff && !vn.dancu.identity.StaffLoginFactors.complete(auth)) {
                // a staff application's token only after the login's second step (the staff pages ask for it)
                requests.saveRequest(request, response);
                response.sendRedirect(request.getContextPath() + "/login/second-factor");
            } else if (staffApp && auth.getPrincipal() instanceof Staff staff) {
                runAs(StaffPrincipals.of(staff, auth.getAuthorities(), request), request, response, chain);
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

        /** A staff member's sign-in is the HTTP session of the staff login. */
        static Authentication of(Staff staff, java.util.Collection<? extends GrantedAuthority> authorities,
                                 HttpServletRequest request) {
            List<GrantedAuthority> copy = new ArrayList<>();
            authorities.forEach(a -> copy.add(a instanceof FactorGrantedAuthority f
                    ? f : new org.springframework.security.core.authority.SimpleGrantedAuthority(a.getAuthority())));
            return SignIns.mark(UsernamePasswordAuthenticationToken.authenticated(PREFIX + staff.username(), null, copy),
                    request.getSession().getId());
        }
    }

    /**
     * Every endpoint of the server sees {@link Issuer}'s value as the issuer, whatever host name the
     * request used. Spring Authorization Server takes a fixed issuer only from its settings, which
     * are built before a test server knows its port; this filter replaces the context its own filter
     * set just before, for this request.
     */
    static final class OneIssuerFilter extends OncePerRequestFilter {

        private final Issuer issuer;

        OneIssuerFilter(Issuer issuer) {
            this.issuer = issuer;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            AuthorizationServerContext set = AuthorizationServerContextHolder.getContext();
            if (set == null) {
                chain.doFilter(request, response);
                return;
            }
            String value = issuer.value();
            AuthorizationServerSettings settings = set.getAuthorizationServerSettings();
            AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
                @Override
                public String getIssuer() {
                    return value;
                }

                @Override
                public AuthorizationServerSettings getAuthorizationServerSettings() {
                    return settings;
                }
            });
            try {
                chain.doFilter(request, response);
            } finally {
                AuthorizationServerContextHolder.setContext(set);
            }
        }
    }
}
