package vn.dancu.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer of the exchange API names the access log's newest signed checkpoint
 * ({@value #HEADER}: its position), so a member can fetch and keep the checkpoints that cover its
 * own reads, and later show that the log was cut back or rewritten below them.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointHeader {

    static final String HEADER = "Dancu-Audit-Checkpoint";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> checkpointHeaderFilter(Checkpoints checkpoints) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                checkpoints.latest().ifPresent(c -> response.setHeader(HEADER, Long.toString(c.position())));
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/api/v1/exchange/*");
        return registration;
    }
}
