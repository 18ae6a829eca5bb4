package vn.dancu.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Builds the RFC 9457 body that every error of the API shares. */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The OpenID provider's endpoints for machine clients, which read RFC 6749's error JSON rather than problem+json. */
    private static final Set<String> TOKEN_ENDPOINTS = Set.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke");

    private ProblemResponses() {
    }

    public static ProblemDetail body(HttpStatus status, String code, String detail,
                                     List<ApiProblem.FieldProblem> errors, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://dancu.vn/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        if (instance != null) {
            try {
                problem.setInstance(URI.create(instance));
            } catch (IllegalArgumentException notAUri) {
                // the path itself was refused as malformed: the problem names no instance
            }
        }
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> entity(HttpStatus status, String code, String detail,
                                                       List<ApiProblem.FieldProblem> errors, String instance) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(status, code, detail, errors, instance));
    }

    /** Whether the request is an API call, answered in problem+json, rather than a page. */
    public static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && uri.startsWith(request.getContextPath() + "/api/");
    }

    /**
     * Whether the path is the provider's token, introspection or revocation endpoint. Its clients read
     * {@code {"error":"invalid_request"}} (RFC 6749 §5.2), as Spring Authorization Server answers a missing
     * parameter there; a request refused before the server runs is answered the same way, never with a page.
     */
    public static boolean isTokenEndpoint(String uri, String contextPath) {
        return uri != null && uri.startsWith(contextPath) && TOKEN_ENDPOINTS.contains(uri.substring(contextPath.length()));
    }

    /** A refusal at a token endpoint: RFC 6749's error JSON, with the platform's stable code beside it. */
    public static void writeOAuthError(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(oauthErrorJson(status, code, detail));
    }

    /** The error's JSON text; {@code error} is RFC 6749's name for the kind of failure, {@code code} the platform's own. */
    public static String oauthErrorJson(HttpStatus status, String code, String detail) {
        String error = status.is5xxServerError() ? "server_error" : status == HttpStatus.UNAUTHORIZED ? "invalid_client" : "invalid_request";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", error);
        json.put("error_description", detail);
        json.put("code", code);
        return JSON.writeValueAsString(json);
    }

    /** For filters that answer before Spring MVC is reached (authentication, access denied). */
    public static void write(HttpServletRequest request, HttpServletResponse response,
                             HttpStatus status, String code, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(status, code, detail, request.getRequestURI()));
    }

    /** The problem as JSON text, for the servlet container's own error report, which has no Spring at hand. */
    public static String json(HttpStatus status, String code, String detail, String instance) {
        ProblemDetail body = body(status, code, detail, List.of(), instance);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", body.getType().toString());
        json.put("title", body.getTitle());
        json.put("status", body.getStatus());
        json.put("detail", body.getDetail());
        json.put("instance", body.getInstance() == null ? null : body.getInstance().toString());
        json.putAll(body.getProperties());
        return JSON.writeValueAsString(json);
    }
}
