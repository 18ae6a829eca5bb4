package vn.dancu.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;

/**
 * One value kept in the HTTP session under its type's name. Sessions are shared by the nodes through the database,
 * so what is kept must serialize: a ceremony's options are kept as a record of plain values, not as Spring's objects.
 */
record SessionSlot<T extends Serializable>(Class<T> type) {

    /** Keeps {@code value}, or forgets the kept one when {@code value} is null (without making a session for that). */
    void save(HttpServletRequest request, T value) {
        if (value != null) {
            request.getSession().setAttribute(type.getName(), value);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(type.getName());
        }
    }

    T load(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && type.isInstance(session.getAttribute(type.getName())) ? type.cast(session.getAttribute(type.getName()))
                : null;
    }
}
