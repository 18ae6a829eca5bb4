package vn.dancu.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an API call into problem+json. Unexpected failures are logged with an
 * incident id (never with request data, which may be personal) and answered without internals.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 1)
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> answer = ProblemResponses.entity(problem.status(), problem.code(), problem.getMessage(),
                problem.errors(), request.getRequestURI());
        if (problem.retryAfterSeconds() > 0) {
            return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                    .header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()))
                    .body(answer.getBody());
        }
        return answer;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpServletRequest request) {
        return bad("MALFORMED_REQUEST", "The request body is missing or is not valid JSON of the expected shape", request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return ProblemResponses.entity(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields",
                List.of(new ApiProblem.FieldProblem(e.getName(), "INVALID_FORMAT", e.getName() + " has the wrong format")),
                request.getRequestURI());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return ProblemResponses.entity(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields",
                List.of(new ApiProblem.FieldProblem(e.getParameterName(), "REQUIRED", e.getParameterName() + " is required")),
                request.getRequestURI());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return bad("HEADER_REQUIRED", "The header " + e.getHeaderName() + " is required", request);
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(HttpServletRequest request) {
        return bad("FILE_REQUIRED", "A multipart/form-data upload with the file is required", request);
    }

    /** The same codes as {@code platform.web.Refusal}, for a multipart body first read inside a controller. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> brokenMultipart(MultipartException e, HttpServletRequest request) {
        if (e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
            return ProblemResponses.entity(HttpStatus.CONTENT_TOO_LARGE, "FILE_TOO_LARGE",
                    "The upload is larger than this platform accepts", List.of(), request.getRequestURI());
        }
        return bad("MALFORMED_REQUEST",
                "The multipart/form-data body cannot be read: no boundary, or it ends before its closing boundary", request);
    }

    /** Tomcat could not decode the query or form (a filter refuses most of these before any controller runs). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> badEncoding(HttpServletRequest request) {
        return bad("BAD_ENCODING", "The URL or the form is not valid percent-encoded UTF-8", request);
    }

    /** A required header or cookie of the wrong form, or a parameter condition not met. */
    @ExceptionHandler(org.springframework.web.bind.ServletRequestBindingException.class)
    ResponseEntity<ProblemDetail> binding(HttpServletRequest request) {
        return bad("MALFORMED_REQUEST", "The request lacks a header, cookie or parameter this endpoint needs, or has one of the wrong form",
                request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return ProblemResponses.entity(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                e.getMethod() + " is not supported here", List.of(), request.getRequestURI());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpServletRequest request) {
        return ProblemResponses.entity(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                "This content type is not accepted here; see /v3/api-docs", List.of(), request.getRequestURI());
    }

    /** The client accepts no type this endpoint answers in: 406 with no body, since a problem body would not be accepted either. */
    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Void> notAcceptable() {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(HttpServletRequest request) {
        return ProblemResponses.entity(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource", List.of(),
                request.getRequestURI());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(HttpServletRequest request) {
        return ProblemResponses.entity(HttpStatus.FORBIDDEN, "FORBIDDEN", "Your role does not allow this",
                List.of(), request.getRequestURI());
    }

    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(HttpServletRequest request) {
        return bad("REQUEST_REJECTED", "The request was refused: a NUL or another control character in its URL, query, form or headers, "
                + "an encoded slash or backslash, ';', '//' or '..' in its path, or an HTTP method that is not allowed", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        String incident = java.util.UUID.randomUUID().toString();
        // The path pattern, the exception class and its frames only: messages and paths can hold personal data.
        Object pattern = request.getAttribute(org.springframework.web.servlet.HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        log.error("Incident {} on {} {}: {} at {}", incident, request.getMethod(), pattern, e.getClass().getName(),
                java.util.Arrays.stream(e.getStackTrace()).limit(12).map(String::valueOf).toList());
        return ProblemResponses.entity(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "An unexpected error occurred; quote incident " + incident, List.of(), request.getRequestURI());
    }

    private static ResponseEntity<ProblemDetail> bad(String code, String detail, HttpServletRequest request) {
        return ProblemResponses.entity(HttpStatus.BAD_REQUEST, code, detail, List.of(), request.getRequestURI());
    }
}
