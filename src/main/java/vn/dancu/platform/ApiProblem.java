package vn.dancu.platform;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal that the caller can act on. It becomes an RFC 9457 {@code application/problem+json}
 * answer whose {@code code} is stable: clients branch on it, so codes are never renamed.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldProblem> errors;
    private long retryAfterSeconds;

    public ApiProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiProblem(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiProblem conflict(String code, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiProblem forbidden(String code, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, code, detail);
    }

    /** A limit is reached; the answer says (Retry-After) when to call again. */
    public static ApiProblem tooManyRequests(String code, String detail, long retryAfterSeconds) {
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, code, detail);
        problem.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return problem;
    }

    /** Seconds until the caller may try again; 0 when the answer does not depend on time. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A single field is wrong: answered as a validation failure naming that field. */
    public static ApiProblem invalidField(String field, String code, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                "The request has invalid fields", List.of(new FieldProblem(field, code, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One wrong field of a request: {@code field} is its JSON name or query parameter. */
    public record FieldProblem(String field, String code, String message) {
    }
}
