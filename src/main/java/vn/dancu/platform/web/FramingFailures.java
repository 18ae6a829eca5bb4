package vn.dancu.platform.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;

/**
 * Failures to read a request's framing that Spring MVC meets before it has chosen a handler (the
 * multipart body is parsed first), so that no controller's advice applies. Without this they
 * left the dispatcher as 500s.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FramingFailures {

    @ExceptionHandler({MultipartException.class, InvalidParameterException.class})
    void refuse(Exception failure, HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Refusal.of(failure).answer(request, response);
    }
}
