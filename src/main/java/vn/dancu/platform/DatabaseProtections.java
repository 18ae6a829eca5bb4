package vn.dancu.platform;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database refuses the platform's own role, as checked on its own connection at start:
 * the protections of docs/database.md. An external database may be set up without them; then
 * {@link #weaknesses()} says what an insider holding the platform's database account could do.
 *
 * @param role                  the role the platform connects as
 * @param notSuperuser          it is no superuser (a superuser can do anything below and more)
 * @param appendOnlyByPrivilege it may not update, delete or truncate the {@link #APPEND_ONLY_TABLES} or any of their
 *                              partitions, nor drop, detach or truncate them or their triggers (it owns neither them nor
 *                              their schemas, even through a role)
 * @param noServerFiles         it may not read or write the server's files (the master key among them) nor run programs there
 * @param noReplicationRole     it may not set {@code session_replication_role}, which silences triggers
 * @param weaknesses            one sentence for each protection that does not hold; empty when all hold
 */
public record DatabaseProtections(String role, boolean notSuperuser, boolean appendOnlyByPrivilege,
                                  boolean noServerFiles, boolean noReplicationRole, List<String> weaknesses) {

    /** Tables whose rows are never changed or deleted once written; V14 gives them to the role dancu_audit. */
    public static final List<String> APPEND_ONLY_TABLES = List.of("audit.access_log", "audit.access_log_seal",
            "audit.checkpoint", "audit.refused_access", "registry.person_change", "registry.issued_number",
            "procedures.step", "identity.staff_change", "identity.staff_factor_event", "procedures.receipt",
            "procedures.payment_event", "cards.trust_change", "cards.chip_check", "audit.retention", "audit.archive",
            "eid.revoked_access_token");

    public DatabaseProtections {
        weaknesses = List.copyOf(weaknesses);
    }

    public boolean allHold() {
        return weaknesses.isEmpty();
    }

    /** Asks the database what the connection's role may do. */
    public static DatabaseProtections check(JdbcClient jdbc) {
        var role = jdbc.sql("""
                select current_user::text as role, r.rolsuper as superuser,
                       pg_has_role('pg_read_server_files', 'MEMBER') or pg_has_role('pg_write_server_files', 'MEMBER')
                           or pg_has_role('pg_execute_server_program', 'MEMBER') as server_files,
                       has_parameter_privilege('session_replication_role', 'SET') as replication_role
                from pg_catalog.pg_roles r where r.rolname = current_user""").query().singleRow();
        // The partitions of a partitioned table count as tables of their own: TRUNCATE of one bypasses the parent.
        List<String> changeable = jdbc.sql("""
                with listed as (select t from unnest(?::text[]) t where to_regclass(t) is not null),
                     tables as (select t from listed
                                union all
                                select i.inhrelid::regclass::text from listed l join pg_catalog.pg_inherits i on i.inhparent = to_regclass(l.t))
                select t from tables
                where to_regclass(t) is not null
                  and (has_table_privilege(t, 'UPDATE') or has_table_privilege(t, 'DELETE') or has_table_privilege(t, 'TRUNCATE')
                       or pg_has_role((select c.relowner from pg_catalog.pg_class c where c.oid = to_regclass(t)), 'MEMBER')
                       or pg_has_role((select n.nspowner from pg_catalog.pg_class c join pg_catalog.pg_namespace n
                                       on n.oid = c.relnamespace where c.oid = to_regclass(t)), 'MEMBER'))
                order by t""").param(APPEND_ONLY_TABLES.toArray(String[]::new)).query(String.class).list();
        String name = (String) role.get("role");
        boolean superuser = (Boolean) role.get("superuser");
        boolean serverFiles = (Boolean) role.get("server_files");
        boolean replicationRole = (Boolean) role.get("replication_role");
        List<String> weaknesses = new ArrayList<>();
        if (superuser) {
            weaknesses.add("the platform connects as " + name + ", a superuser: whoever holds its password can read the"
                    + " server's files (the master key among them), silence the append-only triggers and rewrite any table");
        } else {
            if (!changeable.isEmpty()) {
                weaknesses.add("role " + name + " can update, delete or truncate rows of append-only tables, or drop them"
                        + " or their triggers: " + String.join(", ", changeable) + " (they and their schemas should belong to dancu_audit)");
            }
            if (serverFiles) {
                weaknesses.add("role " + name + " can read or write the server's files or run programs there"
                        + " (member of pg_read_server_files, pg_write_server_files or pg_execute_server_program)");
            }
            if (replicationRole) {
                weaknesses.add("role " + name + " may set session_replication_role, which silences the append-only triggers");
            }
        }
        return new DatabaseProtections(name, !superuser, changeable.isEmpty(), !serverFiles, !replicationRole, weaknesses);
    }
}
