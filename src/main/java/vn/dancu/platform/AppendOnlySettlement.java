package vn.dancu.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After every migrate, V14's settlement again: the append-only tables to dancu_audit, the runtime role
 * to reading and adding rows. Run again, it repairs a privilege granted by hand since, and it hands
 * over a table added to {@link DatabaseProtections#APPEND_ONLY_TABLES} after V14 was applied, and every partition of
 * those tables (a partition made since, a grant on one).
 */
final class AppendOnlySettlement implements Callback {

    static final String MIGRATION = "/db/migration/V14__append_only_by_privilege.sql";
    /** Then the partitions of those tables (V30): each to dancu_audit too, with its own truncate guard. */
    static final String PARTITIONS = "/db/settle-partitions.sql";

    private final String sql;

    AppendOnlySettlement(Map<String, String> placeholders) {
        String text = resource(MIGRATION) + "\n" + resource(PARTITIONS);
        for (var placeholder : placeholders.entrySet()) {
            text = text.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
        }
        this.sql = text;
    }

    private static String resource(String name) {
        try (InputStream in = AppendOnlySettlement.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot settle the privileges of the append-only tables", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "append-only by privilege";
    }
}
