package vn.dancu.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsFilter;
import org.springframework.security.web.webauthn.registration.WebAuthnRegistrationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.dancu.platform.ProblemResponses;

/**
 * Staff passkeys with Spring Security's WebAuthn filters, set up by hand on the staff chain rather
 * than with {@code http.webAuthn()}: that configurer fixes the paths ({@code /webauthn/**},
 * {@code /login/webauthn}, which the citizens' chain would share), takes its repositories from the
 * context and wants a {@code UserDetailsService}. Paths: {@link #LOGIN_OPTIONS}, {@link #LOGIN},
 * {@link SecondFactorGate#REGISTRATION} and its {@code /options}; removal is a page form.
 *
 * <p>Every ceremony requires user verification (the device's PIN or biometrics), so a passkey is a
 * whole login: possession of the key and the person who unlocks it. The relying party is the
 * platform's public URL ({@code dancu.public-url}): its host is the rpId and its origin the only one
 * allowed, read on first use (a test server knows its port only once it listens).
 */
final class StaffWebAuthn {

    static final String LOGIN = "/login/passkey";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    static final String LOGIN_OPTIONS = "/login/passkey/options";

    private StaffWebAuthn() {
    }

    static void configure(HttpSecurity http, JdbcClient jdbc, SecondFactors factors, StaffAccountRepository accounts,
                          Environment env, Clock clock, SecurityContextRepository contexts) {
        StaffPasskeyRepositories repositories = new StaffPasskeyRepositories(jdbc, factors);
        WebAuthnRelyingPartyOperations operations = new PublicUrlRelyingParty(repositories, env);

        var requestOptions = new PublicKeyCredentialRequestOptionsFilter(operations);
        requestOptions.setRequestMatcher(post(LOGIN_OPTIONS));
        // sessions live in PostgreSQL: the options are kept in a form that survives serialization (PasskeyRequest)
        var keptRequest = new vn.dancu.platform.PasskeyRequest.SessionRepository();
        requestOptions.setRequestOptionsRepository(keptRequest);

        var login = new WebAuthnAuthenticationFilter();
        login.setRequiresAuthenticationRequestMatcher(post(LOGIN));
        login.setRequestOptionsRepository(keptRequest);
        login.setAuthenticationManager(new ProviderManager(new PasskeyLogin(operations, accounts, clock)));
        login.setSecurityContextRepository(contexts);
        login.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
        // a passkey after the password (the second step) keeps the password's factor in the login, for its amr
        login.setMfaEnabled(true);
        login.setAuthenticationSuccessHandler((request, response, auth) -> writeJson(response, HttpStatus.OK,
                Map.of("authenticated", true, "redirectUrl", SecondFactorPages.next(request, response, auth))));
        login.setAuthenticationFailureHandler((request, response, e) -> ProblemResponses.write(request, response,
                HttpStatus.UNAUTHORIZED, "PASSKEY_NOT_ACCEPTED", "The passkey was not accepted"));

        var creationOptions = new PublicKeyCredentialCreationOptionsFilter(operations);
        creationOptions.setRequestMatcher(post(SecondFactorGate.REGISTRATION + "/options"));
        var registration = new WebAuthnRegistrationFilter(repositories.credentials, operations);
        // sessions live in PostgreSQL: what they keep must be serializable, and the options are not
        var kept = new vn.dancu.platform.PasskeyCreation.SessionRepository();
        creationOptions.setCreationOptionsRepository(kept);
        registration.setCreationOptionsRepository(kept);
        registration.setRegisterCredentialMatcher(post(SecondFactorGate.REGISTRATION));
        registration.setRemoveCredentialMatcher(request -> false);

        http.addFilterBefore(login, BasicAuthenticationFilter.class)
                .addFilterAfter(new SecondFactorGate(factors), ExceptionTranslationFilter.class)
                .addFilterBefore(requestOptions, AuthorizationFilter.class)
                .addFilterBefore(creationOptions, AuthorizationFilter.class)
                .addFilterAfter(new RefusedRegistration(registration), AuthorizationFilter.class);
    }

    private static PathPatternRequestMatcher post(String path) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
    }

    private static void writeJson(HttpServletResponse response, HttpStatus status, Map<String, Object> body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    /** A passkey login: the key's user handle names the staff member, whose account must still be open. */
    static final class PasskeyLogin implements AuthenticationProvider {

        private final WebAuthnRelyingPartyOperations operations;
        private final StaffAccountRepository accounts;
        private final Clock clock;

        PasskeyLogin(WebAuthnRelyingPartyOperations operations, StaffAccountRepository accounts, Clock clock) {
            this.operations = operations;
            this.accounts = accounts;
            this.clock = clock;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            PublicKeyCredentialUserEntity user;
            try {
                user = operations.authenticate(((WebAuthnAuthenticationRequestToken) authentication).getWebAuthnRequest());
            } catch (RuntimeException e) {
                throw new BadCredentialsException("Passkey not accepted", e);
            }
            var account = accounts.find(user.getName()).orElseThrow(() -> new BadCredentialsException("Passkey not accepted"));
            var now = clock.instant();
            if (!account.enabled() || account.lockedUntil() != null && account.lockedUntil().isAfter(now)
                    || !accounts.recordSuccess(account.staff().id())) {
                throw new BadCredentialsException("Passkey not accepted");
            }
            return UsernamePasswordAuthenticationToken.authenticated(account.staff(), null, StaffAuthenticationProvider.of(account,
                    FactorGrantedAuthority.withAuthority(StaffLoginFactors.PASSKEY).issuedAt(now).build()));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
        }
    }

    /**
     * Spring's WebAuthn operations for the platform's public URL, made on first use; every ceremony
     * asks for user verification and a discoverable credential (a passkey, usable without a username).
     */
    static final class PublicUrlRelyingParty implements WebAuthnRelyingPartyOperations {

        private final StaffPasskeyRepositories repositories;
        private final Environment env;
        private volatile WebAuthnRelyingPartyOperations delegate;

        PublicUrlRelyingParty(StaffPasskeyRepositories repositories, Environment env) {
            this.repositories = repositories;
            this.env = env;
        }

        private WebAuthnRelyingPartyOperations delegate() {
            WebAuthnRelyingPartyOperations known = delegate;
            if (known == null) {
                String configured = env.getProperty("dancu.passkeys.origin", "");
                URI url = URI.create((configured.isBlank() ? env.getProperty("dancu.public-url", "http://localhost:8080") : configured)
                        .strip().replaceAll("/+$", ""));
                String origin = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
                var operations = new Webauthn4JRelyingPartyOperations(repositories.users, repositories.credentials,
                        PublicKeyCredentialRpEntity.builder().id(url.getHost()).name("dancu").build(), Set.of(origin));
                operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED).userVerification(UserVerificationRequirement.REQUIRED).build()));
                operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
                delegate = operations;
                known = operations;
            }
            return known;
        }

        @Override
        public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(PublicKeyCredentialCreationOptionsRequest request) {
            return delegate().createPublicKeyCredentialCreationOptions(request);
        }

        @Override
        public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
            return delegate().registerCredential(request);
        }

        @Override
        public PublicKeyCredentialRequestOptions createCredentialRequestOptions(PublicKeyCredentialRequestOptionsRequest request) {
            return delegate().createCredentialRequestOptions(request);
        }

        @Override
        public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
            return delegate().authenticate(request);
        }
    }

    /** A registration the rules or the ceremony refuse is a 400 with a reason, not a failed request. */
    static final class RefusedRegistration extends OncePerRequestFilter {

        private final WebAuthnRegistrationFilter registration;

        RefusedRegistration(WebAuthnRegistrationFilter registration) {
            this.registration = registration;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                registration.doFilter(request, response, chain);
            } catch (RuntimeException e) {
                if (!response.isCommitted()) {
                    response.reset();
                    ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "PASSKEY_NOT_REGISTERED",
                            "The passkey was not registered: " + (e.getMessage() == null ? "refused" : e.getMessage()));
                }
            }
        }
    }
}
