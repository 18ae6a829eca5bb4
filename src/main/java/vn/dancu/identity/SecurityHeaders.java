package vn.dancu.identity;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every response, whichever filter chain (staff, citizens, members, the OpenID
 * provider) or error path answers it, so this filter runs before all of them.
 * <ul>
 * <li>{@code Referrer-Policy: same-origin}: staff page addresses hold personal ID numbers and
 * searched names ({@code /staff/persons/001075503799}, {@code ?name=…}), so no address, not even
 * the platform's origin, goes to another site (a link out, a relying party). {@code no-referrer}
 * would hide nothing more, since the platform has its own addresses already, but makes browsers
 * send {@code Origin: null} on the platform's own form posts, which would defeat an Origin check
 * by a proxy in front.</li>
 * <li>{@code Permissions-Policy}: no page uses the camera but those that read a QR code with it
 * ({@link #CAMERA_PAGES}: the counter's card check, the credential verifier), and those only on the platform's own origin; no
 * page uses the microphone, location, payment or devices; passkeys
 * ({@code publickey-credentials-*}) stay allowed for the platform's own pages.</li>
 * <li>On a secure request ({@code request.isSecure()}: HTTPS, or a trusted proxy's
 * {@code X-Forwarded-Proto: https} as the container reads it): HSTS, and every cookie
 * {@code Secure}. Tomcat marks its session cookie {@code Secure} on secure requests itself; the
 * others (the language cookie) pass through here. A plain-HTTP request gets neither: HSTS over
 * HTTP is ignored by browsers, and a {@code Secure} cookie would never come back.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

    static final String REFERRER_POLICY = "same-origin";
    static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), bluetooth=(), browsing-topics=(), camera=(), "
            + "display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), "
            + "serial=(), usb=(), xr-spatial-tracking=(), publickey-credentials-create=(self), publickey-credentials-get=(self)";
    /** The pages that read a QR code from the camera in the browser: a card's, a credential's presentation. */
    static final java.util.Set<String> CAMERA_PAGES = java.util.Set.of("/staff/cards/qr-check", "/verify/credential");
    static final String PERMISSIONS_POLICY_WITH_CAMERA = PERMISSIONS_POLICY.replace("camera=()", "camera=(self)");
    /** The value Spring Security's own writer uses, so that either writing it gives one answer. */
    static final String HSTS = "max-age=31536000 ; includeSubDomains";

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<Filter> securityHeadersFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false; // an error page is an answer too
        }

        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            response.setHeader("Referrer-Policy", REFERRER_POLICY);
            response.setHeader("Permissions-Policy", CAMERA_PAGES.contains(request.getRequestURI())
                    ? PERMISSIONS_POLICY_WITH_CAMERA : PERMISSIONS_POLICY);
            if (request.isSecure()) {
                response.setHeader("Strict-Transport-Security", HSTS);
                chain.doFilter(request, new SecureCookies(response));
            } else {
                chain.doFilter(request, response);
            }
        }
    }

    /** Marks every cookie set through it {@code Secure}, whether added as a cookie or as a header. */
    static final class SecureCookies extends HttpServletResponseWrapper {

        SecureCookies(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addCookie(Cookie cookie) {
            cookie.setSecure(true);
            super.addCookie(cookie);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, secure(name, value));
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, secure(name, value));
        }

        static String secure(String name, String value) {
            if (value == null || !"Set-Cookie".equalsIgnoreCase(name)) {
                return value;
            }
            boolean already = java.util.Arrays.stream(value.split(";"))
                    .anyMatch(attribute -> attribute.strip().toLowerCase(Locale.ROOT).equals("secure"));
            return already ? value : value + "; Secure";
        }
    }
}
