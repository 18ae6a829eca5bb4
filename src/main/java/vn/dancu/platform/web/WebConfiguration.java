package vn.dancu.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Vietnamese by default; {@code ?lang=en} switches to English and a cookie remembers it. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("dancu-lang");
        resolver.setDefaultLocale(VIETNAMESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /** Controller methods found by their paths' literal prefixes (IndexedRequestMappings says why). */
    @Bean
    WebMvcRegistrations indexedRequestMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedRequestMappings();
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }

    @ControllerAdvice(annotations = vn.dancu.platform.Page.class)
    static class PageContextAdvice {

        private final MessageSource messages;
        private final boolean demo;

        PageContextAdvice(MessageSource messages, @Value("${dancu.demo}") boolean demo) {
            this.messages = messages;
            this.demo = demo;
        }

        @ModelAttribute("page")
        PageContext page(HttpServletRequest request) {
            Locale locale = RequestContextUtils.getLocale(request);
            if (!"en".equals(locale.getLanguage())) {
                locale = VIETNAMESE;
            }
            CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
            String role = signedIn ? auth.getAuthorities().stream().map(a -> a.getAuthority().replace("ROLE_", ""))
                    .findFirst().orElse(null) : null;
            return new PageContext(locale, messages, csrf == null ? "_csrf" : csrf.getParameterName(),
                    csrf == null ? "" : csrf.getToken(), signedIn ? auth.getName() : null, role,
                    pathWithoutLanguage(request), demo);
        }

        private static String pathWithoutLanguage(HttpServletRequest request) {
            String query = request.getQueryString() == null ? "" : java.util.Arrays.stream(request.getQueryString().split("&"))
                    .filter(p -> !p.startsWith("lang=")).collect(java.util.stream.Collectors.joining("&"));
            return request.getRequestURI() + (query.isEmpty() ? "" : "?" + query);
        }
    }
}
