package vn.dancu.statistics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.dancu.exchange.MemberCalls;
import vn.dancu.platform.ProblemResponses;

/**
 * The open statistics' own chain: members call with their API client's bearer token, exactly as on
 * the members' API (the same filter, from the exchange); the public tables need no login and are
 * limited per network address. No session, no cookie, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class StatisticsSecurityConfiguration {

    static final String MEMBERS = "/api/v1/statistics";
    static final String PUBLIC = "/api/v1/statistics/public";

    @Bean
    @Order(5)
    @ConditionalOnWebApplication
    SecurityFilterChain openStatisticsChain(HttpSecurity http, MemberCalls calls, PublicThrottle throttle) throws Exception {
        http.securityMatcher(MEMBERS + "/tables", MEMBERS + "/tables/**", MEMBERS + "/budget", PUBLIC + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .addFilterAfter(calls.filter(), SecurityContextHolderFilter.class)
                .addFilterBefore(new ThrottleFilter(throttle), SecurityContextHolderFilter.class);
        return http.build();
    }

    /** Public tables: so many calls a minute per address, then 429 with Retry-After. */
    static final class ThrottleFilter extends OncePerRequestFilter {

        private final PublicThrottle throttle;

        ThrottleFilter(PublicThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().startsWith(request.getContextPath() + PUBLIC + "/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long wait = throttle.admit(request.getRemoteAddr());
            if (wait > 0) {
                response.setHeader("Retry-After", Long.toString(wait));
                ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                        "Too many calls to the public tables from this address; try again in " + wait + " s");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
