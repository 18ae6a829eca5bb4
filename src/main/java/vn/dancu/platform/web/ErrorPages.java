package vn.dancu.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import vn.dancu.platform.ProblemResponses;

/**
 * What the container answers when no handler ran (an unknown path, a method a path does not
 * take, an unsupported media type): problem+json with a stable code under {@code /api/}, the error
 * page elsewhere, never the framework's own JSON.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
            ProblemResponses.write(new OriginalRequest(request, path), response, status, status.name(), status.getReasonPhrase());
            return null;
        }
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("error", status.getReasonPhrase());
        return "error";
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
