package vn.dancu.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Builds the RFC 9457 body that every error of the API shares. */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    public static ProblemDetail body(HttpStatus status, String code, String detail,
                                     List<ApiProblem.FieldProblem> errors, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://dancu.vn/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        if (instance != null) {
            problem.setInstance(URI.create(instance));
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

    /** For filters that answer before Spring MVC is reached (authentication, access denied). */
    public static void write(HttpServletRequest request, HttpServletResponse response,
                             HttpStatus status, String code, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        ProblemDetail body = body(status, code, detail, List.of(), request.getRequestURI());
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("type", body.getType().toString());
        json.put("title", body.getTitle());
        json.put("status", body.getStatus());
        json.put("detail", body.getDetail());
        json.put("instance", body.getInstance() == null ? null : body.getInstance().toString());
        json.putAll(body.getProperties());
        response.getWriter().write(JSON.writeValueAsString(json));
    }
}
