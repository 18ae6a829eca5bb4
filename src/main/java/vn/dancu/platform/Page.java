package vn.dancu.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller that renders pages: only those get the {@link vn.dancu.platform.web.PageContext}. REST controllers
 * are controllers too, and building the context for them would load a CSRF token, and so open an
 * HTTP session, on every API call.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Page {
}
