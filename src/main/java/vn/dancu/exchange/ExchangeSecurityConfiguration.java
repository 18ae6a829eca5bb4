package vn.dancu.exchange;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.dancu.identity.AuthorizationMatrix;
import vn.dancu.platform.ProblemResponses;

/**
 * The members' API ({@code /api/v1/exchange/**}): a bearer token of a member's API client, and
 * nothing else (no session, no cookie, so no CSRF). The platform's public key set for webhook
 * signatures is open to all ({@link AuthorizationMatrix}: its row admits the anonymous caller).
 */
@Configuration(proxyBeanMethods = false)
class ExchangeSecurityConfiguration {

    static final String BASE = "/api/v1/exchange";
    /** The request attribute that holds the calling member (a constant, for annotations). */
    static final String CALLER = "dancu.exchange.caller";

    @Bean
    @Order(4)
    @ConditionalOnWebApplication
    SecurityFilterChain exchangeChain(HttpSecurity http, CallerTokens tokens, Members members) throws Exception {
        http.securityMatcher(BASE + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .addFilterAfter(new CallerFilter(tokens, members), SecurityContextHolderFilter.class);
        return http.build();
    }

    /** The authenticated member client of a call. */
    static final class CallerAuthentication extends AbstractAuthenticationToken {

        private final Members.Caller caller;

        CallerAuthentication(Members.Caller caller) {
            super(List.of());
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return caller.clientId();
        }
    }

    static final class CallerFilter extends OncePerRequestFilter {

        private final CallerTokens tokens;
        private final Members members;

        CallerFilter(CallerTokens tokens, Members members) {
            this.tokens = tokens;
            this.members = members;
        }

        /** The operations the authorisation matrix opens to everyone (the webhook key set) need no token. */
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return AuthorizationMatrix.isPublic(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                refuse(request, response, HttpStatus.UNAUTHORIZED, "TOKEN_REQUIRED",
                        "Call with an access token of your API client (client_credentials at /oauth2/token)");
                return;
            }
            Optional<String> client = tokens.clientOf(header.substring(7).strip());
            if (client.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                refuse(request, response, HttpStatus.UNAUTHORIZED, "INVALID_TOKEN",
                        "The token is expired, revoked, not this platform's, or not an API client's token with the exchange scope");
                return;
            }
            Optional<Members.Caller> caller = members.caller(client.get());
            if (caller.isEmpty()) {
                refuse(request, response, HttpStatus.FORBIDDEN, "NOT_A_MEMBER", "This client belongs to no member of the data exchange");
            } else if (!"ACTIVE".equals(caller.get().member().state())) {
                refuse(request, response, HttpStatus.FORBIDDEN, "MEMBER_SUSPENDED", "The member is suspended");
            } else if (caller.get().policy() == null) {
                refuse(request, response, HttpStatus.FORBIDDEN, "NO_POLICY", "The member has no policy in force");
            } else if (!AuthorizationMatrix.ruleFor(request).map(r -> r.admits(AuthorizationMatrix.Caller.MEMBER)).orElse(false)) {
                refuse(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "The members' API has no such operation");
            } else {
                request.setAttribute(CALLER, caller.get());
                SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(caller.get()));
                chain.doFilter(request, response);
            }
        }

        private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                                   String detail) throws IOException {
            if (status == HttpStatus.UNAUTHORIZED && response.getHeader("WWW-Authenticate") == null) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            ProblemResponses.write(request, response, status, code, detail);
        }
    }
}
