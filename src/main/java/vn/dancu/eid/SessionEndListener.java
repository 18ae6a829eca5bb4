package vn.dancu.eid;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.stereotype.Component;

/** Whatever ends a citizen's HTTP session (logout at the provider, time-out) ends their sign-in row too. */
@Component
class SessionEndListener implements HttpSessionListener {

    private final CitizenSessions sessions;

    SessionEndListener(CitizenSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        if (event.getSession().getAttribute(CitizenSessions.ATTRIBUTE) instanceof String id) {
            sessions.ended(id, "HTTP_SESSION_ENDED");
        }
    }
}
