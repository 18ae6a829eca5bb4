package vn.dancu.eid;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The default SMS gateway: messages are written to {@code eid.sms_outbox} instead of a phone
 * network. The outbox page shows them in demo mode; outside it they are simply kept, so that a
 * platform without an SMS provider never pretends to have sent anything.
 */
@Component
class OutboxSmsGateway implements SmsGateway {

    private final JdbcClient jdbc;

    OutboxSmsGateway(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void send(String phone, String text) {
        jdbc.sql("insert into eid.sms_outbox (phone, body) values (?, ?)").params(phone, text).update();
    }

    List<EidViews.SmsView> latest(int limit) {
        return jdbc.sql("select id, phone, body, created_at from eid.sms_outbox order by id desc limit ?")
                .param(limit).query((rs, n) -> new EidViews.SmsView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).list();
    }
}
