package vn.dancu.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import vn.dancu.platform.ProblemResponses;

/**
 * Tomcat's own error report, for what Tomcat refuses before the application sees the request: a
 * path with an encoded slash, backslash or NUL, a URL that does not decode, a request line or
 * headers over the limit. Under {@code /api/}, and when the request line was too long to read the
 * path from, it answers problem+json with a stable code, at the provider's token endpoints RFC
 * 6749's error JSON with that code; pages keep Tomcat's HTML report (without server details).
 */
public class ProblemReportValve extends ErrorReportValve {

    public ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        // A request line over the limit leaves the path unknown: answered as the API would be.
        boolean tokenEndpoint = ProblemResponses.isTokenEndpoint(uri, "");
        if (uri != null && !uri.startsWith("/api/") && !tokenEndpoint) {
            super.report(request, response, throwable);
            return;
        }
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (status == null || !status.isError() || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        Refusal refusal = refusal(status, throwable, uri, response.getMessage());
        response.setStatus(refusal.status().value());
        try {
            response.setContentType(tokenEndpoint ? "application/json" : "application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(tokenEndpoint ? ProblemResponses.oauthErrorJson(refusal.status(), refusal.code(), refusal.detail())
                        : ProblemResponses.json(refusal.status(), refusal.code(), refusal.detail(), uri));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response already closed: nothing more can be said
        }
    }

    /**
     * Tomcat answers 400 for a broken URL, a header it cannot parse and a request head over its
     * limit alike; the failure it recorded and the URL tell them apart.
     */
    static Refusal refusal(HttpStatus status, Throwable throwable, String uri, String message) {
        Refusal byFailure = Refusal.of(throwable);
        if (byFailure != null || status != HttpStatus.BAD_REQUEST) {
            return byFailure != null ? byFailure : Refusal.ofStatus(status);
        }
        if (throwable instanceof IllegalArgumentException && String.valueOf(throwable.getMessage()).contains("too large")) {
            // Over the limit in the request line, the path is not known yet; in the headers, it is.
            return uri == null ? new Refusal(HttpStatus.URI_TOO_LONG, "URI_TOO_LONG", "The URL with its query exceeds 8 KB")
                    : new Refusal(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "HEADER_TOO_LARGE",
                    "The request line and headers together exceed 8 KB");
        }
        if (throwable instanceof IllegalArgumentException) {
            return Refusal.REQUEST_REJECTED; // a header line with characters HTTP does not allow
        }
        if (uri != null && EncodingCheck.decode(uri) == null) {
            return Refusal.BAD_ENCODING;
        }
        if (message != null && message.startsWith("Invalid URI")) {
            return Refusal.REQUEST_REJECTED; // an encoded slash, backslash or NUL, or a path that leaves the root
        }
        return Refusal.ofStatus(status);
    }
}
