package vn.dancu.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import vn.dancu.platform.ProblemResponses;

/**
 * A request refused before any controller could read it: the URL, the query, a header or the
 * body's framing is broken. Under {@code /api/} the answer is problem+json with a stable code, at
 * the provider's token endpoints RFC 6749's error JSON with the same code; elsewhere the error page.
 */
record Refusal(HttpStatus status, String code, String detail) {

    /** Set on a request that is forwarded to the error page, so that the page shows this refusal's status and code. */
    static final String ATTRIBUTE = Refusal.class.getName();

    static final Refusal BAD_ENCODING = new Refusal(HttpStatus.BAD_REQUEST, "BAD_ENCODING",
            "The URL or the form is not valid percent-encoded UTF-8");
    static final Refusal REQUEST_REJECTED = new Refusal(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
            "The request was refused: a NUL or another control character in its URL, query, form or headers, "
                    + "an encoded slash or backslash, ';', '//' or '..' in its path, or an HTTP method that is not allowed");
    static final Refusal MALFORMED_MULTIPART = new Refusal(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
            "The multipart/form-data body cannot be read: no boundary, or it ends before its closing boundary");
    static final Refusal FORM_TOO_LARGE = new Refusal(HttpStatus.CONTENT_TOO_LARGE, "CONTENT_TOO_LARGE",
            "The form is larger than 2 MB or has more than 1,000 parameters");
    static final Refusal FILE_TOO_LARGE = new Refusal(HttpStatus.CONTENT_TOO_LARGE, "FILE_TOO_LARGE",
            "The upload is larger than this platform accepts");

    /** The refusal an exception stands for, when it is the caller's fault; {@code null} otherwise. */
    static Refusal of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestRejectedException) {
                return REQUEST_REJECTED;
            }
            if (t instanceof InvalidParameterException invalid) {
                // Tomcat says which status fits: 400 for broken encoding, 413 for too many parameters
                return invalid.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value() ? FORM_TOO_LARGE : BAD_ENCODING;
            }
            if (t instanceof MaxUploadSizeExceededException) {
                return FILE_TOO_LARGE;
            }
            if (t instanceof MultipartException) {
                return MALFORMED_MULTIPART;
            }
        }
        return null;
    }

    /** The stable code of an error status that no handler has explained. */
    static Refusal ofStatus(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> new Refusal(status, "MALFORMED_REQUEST", "The request is malformed");
            case UNAUTHORIZED -> new Refusal(status, "UNAUTHENTICATED", "Sign in first");
            case FORBIDDEN -> new Refusal(status, "FORBIDDEN", "Your role does not allow this");
            case NOT_FOUND -> new Refusal(status, "NOT_FOUND", "No such resource");
            case METHOD_NOT_ALLOWED -> new Refusal(status, "METHOD_NOT_ALLOWED", "This HTTP method is not supported on this path");
            case UNSUPPORTED_MEDIA_TYPE -> new Refusal(status, "UNSUPPORTED_MEDIA_TYPE",
                    "This content type is not accepted here; see /v3/api-docs");
            case CONTENT_TOO_LARGE -> new Refusal(status, "CONTENT_TOO_LARGE", "The request body is too large");
            case URI_TOO_LONG -> new Refusal(status, "URI_TOO_LONG", "The URL is too long");
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> new Refusal(status, "HEADER_TOO_LARGE", "The request's headers are too large");
            case INTERNAL_SERVER_ERROR -> new Refusal(status, "INTERNAL_ERROR", "An unexpected error occurred");
            default -> new Refusal(status, status.name(), status.getReasonPhrase());
        };
    }

    /**
     * Answers the refusal: problem+json under {@code /api/}, RFC 6749's error JSON at the provider's token
     * endpoints; elsewhere the error page, reached by a
     * forward that hides the query (the page would otherwise parse the broken query again).
     */
    void answer(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (ProblemResponses.isApi(request)) {
            ProblemResponses.write(request, response, status, code, detail);
            return;
        }
        if (ProblemResponses.isTokenEndpoint(request.getRequestURI(), request.getContextPath())) {
            ProblemResponses.writeOAuthError(response, status, code, detail);
            return;
        }
        if (request.getAttribute(ATTRIBUTE) != null) {
            // already on the way to the error page, which met the same broken request: answer plainly, never loop
            response.sendError(status.value());
            return;
        }
        HttpServletRequest page = new WithoutQuery(request);
        page.setAttribute(ATTRIBUTE, this);
        page.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
        page.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        response.setStatus(status.value());
        request.getRequestDispatcher("/error").forward(page, response);
    }

    /** The request as the error page sees it: no query, no parameters, no body to parse (a broken multipart body would fail again). */
    private static final class WithoutQuery extends HttpServletRequestWrapper {

        WithoutQuery(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }
}
