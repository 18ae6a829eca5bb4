package vn.dancu.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The servlet container's side of bad input and of proxies: Tomcat's error report, the encoding
 * check in front of every filter, the firewall's refusals, and which proxies' forwarded headers
 * are believed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ServerConfiguration {

    /** After the character-encoding filter (forms must decode as UTF-8), before the security filters read any parameter. */
    @Bean
    FilterRegistrationBean<EncodingCheck> encodingCheck() {
        FilterRegistrationBean<EncodingCheck> registration = new FilterRegistrationBean<>(new EncodingCheck());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * The firewall's refusal (a control character in a header, {@code ;} or {@code //} in a path),
     * answered here: sent on to the error page, the same firewall would refuse that dispatch too.
     * Primary over the security configuration's plain 400.
     */
    @Bean
    @Primary
    RequestRejectedHandler problemRequestRejectedHandler() {
        return (HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) -> {
            try {
                Refusal.REQUEST_REJECTED.answer(request, response);
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatRequestHandling(
            @Value("${dancu.trusted-proxies:}") String trustedProxies) {
        TrustedProxies proxies = TrustedProxies.parse(trustedProxies);
        return new OrderedCustomizer(proxies);
    }

    /** Runs after Spring Boot's own customizer, whose error report valve it replaces. */
    private record OrderedCustomizer(TrustedProxies proxies)
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            if (!proxies.none()) {
                factory.addEngineValves(proxies.valve());
            }
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve());
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
