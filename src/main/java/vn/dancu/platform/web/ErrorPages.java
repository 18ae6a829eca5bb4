package vn.dancu.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.support.RequestContextUtils;
import vn.dancu.platform.ProblemResponses;

/**
 * What the container answers when no handler ran (an unknown path, a method a path does not
 * take, an unsupported media type, a request a filter refused or failed on): problem+json with a
 * stable code under {@code /api/}, RFC 6749's error JSON with that code at the provider's token
 * endpoints, the error page elsewhere, never the framework's own JSON.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final MessageSource messages;

    ErrorPages(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Refusal refusal = refusal(request);
        if (refusal.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
            String incident = java.util.UUID.randomUUID().toString();
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            // The exception's class only: its message and the path can hold personal data.
            log.error("Incident {} on {}: {}", incident, request.getMethod(), failure == null ? "no exception" : failure.getClass().getName());
            refusal = new Refusal(refusal.status(), refusal.code(), refusal.detail() + "; quote incident " + incident);
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
            ProblemResponses.write(new OriginalRequest(request, path), response, refusal.status(), refusal.code(), refusal.detail());
            return null;
        }
        if (uri instanceof String path && ProblemResponses.isTokenEndpoint(path, request.getContextPath())) {
            ProblemResponses.writeOAuthError(response, refusal.status(), refusal.code(), refusal.detail());
            return null;
        }
        response.setStatus(refusal.status().value());
        int status = refusal.status().value();
        Locale locale = "en".equals(RequestContextUtils.getLocale(request).getLanguage()) ? Locale.ENGLISH : WebConfiguration.VIETNAMESE;
        model.addAttribute("status", status);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("title", messages.getMessage("error.title." + status, null,
                messages.getMessage("error.title.other", null, locale), locale));
        model.addAttribute("detail", messages.getMessage("error.status", new Object[] {String.valueOf(status)}, locale));
        model.addAttribute("home", messages.getMessage("error.home", null, locale));
        return "error";
    }

    /** A refusal named by whoever forwarded here, else the one the failure stands for, else the status's own. */
    private static Refusal refusal(HttpServletRequest request) {
        if (request.getAttribute(Refusal.ATTRIBUTE) instanceof Refusal named) {
            return named;
        }
        Refusal byFailure = Refusal.of((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        if (byFailure != null) {
            return byFailure;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        return Refusal.ofStatus(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status);
    }

    /** The problem's {@code instance} is the path that failed, not {@code /error}. */
    private static final class OriginalRequest extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final String uri;

        OriginalRequest(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }
    }
}
