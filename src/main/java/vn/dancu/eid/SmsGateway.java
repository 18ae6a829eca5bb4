package vn.dancu.eid;

/**
 * Sends a text message to a Vietnamese mobile number. The platform's default is
 * {@link OutboxSmsGateway}, a real local implementation that keeps the messages in the database
 * for the developer outbox page (demo mode only). A production deployment provides its own {@code @Primary}
 * bean of this type that calls the operator's SMS provider (a brand-name SMS API over HTTPS); that bean takes
 * the outbox's place. A failure to send throws, and the caller tells the citizen to try again.
 */
public interface SmsGateway {

    void send(String phone, String text);
}
