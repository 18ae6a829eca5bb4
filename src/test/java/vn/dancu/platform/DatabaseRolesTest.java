package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;

/**
 * The platform's own database account, as an insider who stole it would use it: it cannot read the
 * master key, silence the triggers, or change, delete or truncate append-only rows, not even by
 * taking the tables' triggers off or granting itself more (docs/database.md).
 */
class DatabaseRolesTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    DatabaseProtections protections;

    @Test
    void thePlatformWorksAsARoleThatIsNoSuperuserAndEveryProtectionHolds() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("dancu");
        assertThat(protections.role()).isEqualTo("dancu");
        assertThat(protections.weaknesses()).isEmpty();
        assertThat(protections.notSuperuser() && protections.appendOnlyByPrivilege() && protections.noServerFiles()
                && protections.noReplicationRole()).isTrue();
        assertThat(jdbc.sql("select pg_has_role('dancu_audit', 'MEMBER')").query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("select rolcreaterole or rolcreatedb or rolreplication or rolbypassrls from pg_roles where rolname = 'dancu'")
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void theRuntimeRoleCannotReadTheMasterKey() {
        Path masterKey = Path.of(environment.getRequiredProperty("dancu.data-dir")).toAbsolutePath().resolve("master.key");
        assertThat(masterKey).exists();
        assertThatThrownBy(() -> jdbc.sql("select pg_read_file(?)").param(masterKey.toString()).query(String.class).single())
                .rootCause().hasMessageContaining("permission denied for function pg_read_file");
        assertThatThrownBy(() -> jdbc.sql("select pg_read_binary_file(?)").param(masterKey.toString()).query(byte[].class).single())
                .rootCause().hasMessageContaining("permission denied for function pg_read_binary_file");
        assertThatThrownBy(() -> jdbc.sql("copy registry.legacy_id from '" + masterKey + "'").update())
                .rootCause().hasMessageContaining("pg_read_server_files");
        assertThatThrownBy(() -> jdbc.sql("copy registry.legacy_id from program 'cat " + masterKey + "'").update())
                .rootCause().hasMessageContaining("pg_execute_server_program");
    }

    @Test
    void theRuntimeRoleCannotSilenceTheTriggers() {
        assertThatThrownBy(() -> jdbc.sql("set session_replication_role = replica").update())
                .rootCause().hasMessageContaining("permission denied to set parameter \"session_replication_role\"");
    }

    @Test
    void theRuntimeRoleCannotChangeDeleteOrTruncateAppendOnlyRows() {
        for (String table : DatabaseProtections.APPEND_ONLY_TABLES) {
            String name = table.substring(table.indexOf('.') + 1);
            String column = jdbc.sql("select attname from pg_attribute where attrelid = ?::regclass and attnum > 0 and attidentity = '' order by attnum limit 1")
                    .param(table).query(String.class).single();
            assertThatThrownBy(() -> jdbc.sql("update " + table + " set " + column + " = " + column).update()).as(table)
                    .rootCause().hasMessageContaining("permission denied for table " + name);
            assertThatThrownBy(() -> jdbc.sql("delete from " + table).update()).as(table)
                    .rootCause().hasMessageContaining("permission denied for table " + name);
            assertThatThrownBy(() -> jdbc.sql("truncate " + table + " cascade").update()).as(table)
                    .rootCause().hasMessageContaining("permission denied for table " + name);
        }
    }

    @Test
    void theRuntimeRoleCannotTakeTheTriggersOffNorGrantItselfMore() {
        assertThatThrownBy(() -> jdbc.sql("alter table audit.access_log disable trigger all").update())
                .rootCause().hasMessageContaining("must be owner of table access_log");
        assertThatThrownBy(() -> jdbc.sql("alter table audit.access_log owner to dancu").update())
                .rootCause().hasMessageContaining("must be owner of table access_log");
        assertThatThrownBy(() -> jdbc.sql("drop table audit.checkpoint").update())
                .rootCause().hasMessageContaining("must be owner of table checkpoint");
        assertThatThrownBy(() -> jdbc.sql("alter table registry.person_change rename to person_change_old").update())
                .rootCause().hasMessageContaining("must be owner of table person_change");
        assertThatThrownBy(() -> jdbc.sql("drop schema audit cascade").update())
                .rootCause().hasMessageContaining("must be owner of schema audit");
        assertThatThrownBy(() -> jdbc.sql("drop function audit.refuse_change() cascade").update())
                .rootCause().hasMessageContaining("must be owner of function audit.refuse_change");
        assertThatThrownBy(() -> jdbc.sql("set role dancu_audit").update())
                .rootCause().hasMessageContaining("permission denied to set role \"dancu_audit\"");
        assertThatThrownBy(() -> jdbc.sql("grant dancu_audit to dancu").update())
                .rootCause().hasMessageContaining("permission denied to grant role \"dancu_audit\"");

        // its own tables beside them, as later migrations add, it may still create
        jdbc.sql("create table audit.scratch (x int)").update();
        jdbc.sql("drop table audit.scratch").update();

        // GRANT without a grant option only warns, and grants nothing
        jdbc.sql("grant update, delete, truncate on audit.access_log to dancu").update();
        assertThat(jdbc.sql("select has_table_privilege('audit.access_log', 'UPDATE') or has_table_privilege('audit.access_log', 'DELETE')"
                + " or has_table_privilege('audit.access_log', 'TRUNCATE')").query(Boolean.class).single()).isFalse();
        assertThatThrownBy(() -> jdbc.sql("delete from audit.access_log").update())
                .rootCause().hasMessageContaining("permission denied for table access_log");
    }

    @Test
    void theRuntimeRoleFromOutsideThePlatformIsHeldToTheSameRights() throws Exception {
        Path dataDir = Path.of(environment.getRequiredProperty("dancu.data-dir"));
        JdbcClient stolen = JdbcClient.create(DatabaseSuperuser.runtimeRole(dataDir));
        assertThat(stolen.sql("select current_user").query(String.class).single()).isEqualTo("dancu");
        assertThatThrownBy(() -> stolen.sql("update audit.checkpoint set signature = signature").update())
                .rootCause().hasMessageContaining("permission denied for table checkpoint");
        assertThat(Files.readString(dataDir.resolve(EmbeddedDatabase.RUNTIME_PASSWORD_FILE)).strip())
                .isNotEqualTo(Files.readString(dataDir.resolve(EmbeddedDatabase.SUPERUSER_PASSWORD_FILE)).strip());
    }

    @Test
    void theCheckNamesEachProtectionThatDoesNotHold() {
        JdbcClient superuser = DatabaseSuperuser.jdbc(environment);
        DatabaseProtections asSuperuser = DatabaseProtections.check(superuser);
        assertThat(asSuperuser.notSuperuser()).isFalse();
        assertThat(asSuperuser.allHold()).isFalse();
        assertThat(asSuperuser.weaknesses()).singleElement().asString().contains("postgres, a superuser");

        superuser.sql("grant delete on audit.refused_access to dancu").update();
        superuser.sql("grant pg_read_server_files to dancu").update();
        superuser.sql("grant set on parameter session_replication_role to dancu").update();
        try {
            DatabaseProtections weak = DatabaseProtections.check(jdbc);
            assertThat(weak.notSuperuser()).isTrue();
            assertThat(weak.appendOnlyByPrivilege()).isFalse();
            assertThat(weak.noServerFiles()).isFalse();
            assertThat(weak.noReplicationRole()).isFalse();
            assertThat(weak.weaknesses()).hasSize(3);
            assertThat(weak.weaknesses().getFirst()).contains("audit.refused_access").doesNotContain("audit.access_log");
        } finally {
            superuser.sql("revoke delete on audit.refused_access from dancu").update();
            superuser.sql("revoke pg_read_server_files from dancu").update();
            superuser.sql("revoke set on parameter session_replication_role from dancu").update();
        }
        assertThat(DatabaseProtections.check(jdbc).allHold()).isTrue();
    }
}
