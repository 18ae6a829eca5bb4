package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded database keeps committed data across a restart and across a kill -9 of the JVM; it
 * takes no connection without a password, and a data directory of an earlier version (trust,
 * everything owned by postgres) is upgraded on its first start.
 */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesAKillOfTheJvmAndTheOrphanedServerIsStopped() throws Exception {
        Path dir = Files.createTempDirectory("dancu-crash-");
        Process crashed = startCrashingPlatform(dir, "before the crash");
        crashed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long orphan = Long.parseLong(Files.readAllLines(dir.resolve("postgres/postmaster.pid")).getFirst().trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("postgres outlives a killed JVM").contains(true);

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dir)) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(notes(restarted)).containsExactly("before the crash");
        }
    }

    @Test
    void aSecondProcessOnTheSameDataIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("dancu-lock-");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dir)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir)).hasMessageContaining("Another dancu process");
            assertThat(settings(first)).as("commits reach the disk before they are acknowledged")
                    .containsExactly("fsync=on", "full_page_writes=on", "synchronous_commit=on");
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dir)) {
            assertThat(again.jdbcUrl()).startsWith("jdbc:postgresql://localhost");
        }
    }

    @Test
    void noConnectionIsAcceptedWithoutItsRolesPassword() throws Exception {
        Path dir = Files.createTempDirectory("dancu-auth-");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir)) {
            String url = database.jdbcUrl();
            assertThat(url).doesNotContain("user=");
            // under trust the server would not ask: it asks for SCRAM, and the driver has nothing to give
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("server requested SCRAM-based authentication");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "dancu", database.superuserPassword()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "dancu_audit", database.superuserPassword()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (var connection = DriverManager.getConnection(url, "dancu", database.runtimePassword());
                 var rs = connection.createStatement().executeQuery("select current_user, rolsuper from pg_roles where rolname = current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("dancu");
                assertThat(rs.getBoolean(2)).isFalse();
            }
            assertThat(rules(database)).as("every line of pg_hba.conf, the Unix socket's too").isNotEmpty()
                    .allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256"));
        }
        assertPasswordFilesAreOwnerOnlyAndOutsideThePostgresDirectory(dir);
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dir)) {
            assertThatThrownBy(() -> DriverManager.getConnection(again.jdbcUrl(), "postgres", "")).isInstanceOf(SQLException.class);
            assertThat(rules(again)).allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256"));
        }
    }

    @Test
    void aDatabaseOfAnEarlierVersionIsUpgradedOnItsFirstStart() throws Exception {
        Path dir = Files.createTempDirectory("dancu-upgrade-");
        makeDatabaseOfAnEarlierVersion(dir.resolve("postgres"));

        try (ConfigurableApplicationContext platform = platform(dir)) {
            JdbcClient superuser = DatabaseSuperuser.jdbc(dir);
            assertThatThrownBy(() -> DriverManager.getConnection(DatabaseSuperuser.jdbcUrl(dir), "postgres", ""))
                    .as("trust is gone").isInstanceOf(SQLException.class);
            assertThat(superuser.sql("select distinct auth_method from pg_hba_file_rules").query(String.class).list())
                    .containsExactly("scram-sha-256");
            assertThat(owners(superuser)).containsOnly(
                    entry("schema registry", "dancu_audit"), entry("schema flowable", "dancu"), entry("schema public", "dancu"),
                    entry("flyway_schema_history", "dancu"), entry("registry.person", "dancu"),
                    entry("procedures.application_code", "dancu"), entry("flowable.act_left_by_an_earlier_version", "dancu"),
                    entry("registry.refuse_change()", "dancu_audit"),
                    entry("audit.access_log", "dancu_audit"), entry("registry.person_change", "dancu_audit"),
                    entry("procedures.step", "dancu_audit"));
            assertThat(superuser.sql("select success from public.flyway_schema_history where version = '14'")
                    .query(Boolean.class).single()).isTrue();
            JdbcClient runtime = platform.getBean(JdbcClient.class);
            assertThat(runtime.sql("select current_user").query(String.class).single()).isEqualTo("dancu");
            assertThat(platform.getBean(DatabaseProtections.class).weaknesses()).isEmpty();
            assertThat(runtime.sql("select note from flowable.act_left_by_an_earlier_version").query(String.class).list())
                    .containsExactly("kept");
            runtime.sql("insert into audit.refused_access (actor, subject_personal_id, reason) values ('t', '001099000001', 'TEST')").update();
            // a DBA's grant by hand, taken back by the settlement that follows every migrate
            superuser.sql("grant update, delete on audit.checkpoint to dancu").update();
            assertThat(DatabaseProtections.check(runtime).weaknesses()).singleElement().asString().contains("audit.checkpoint");
        }
        assertPasswordFilesAreOwnerOnlyAndOutsideThePostgresDirectory(dir);
        try (ConfigurableApplicationContext again = platform(dir)) {
            DatabaseProtections protections = again.getBean(DatabaseProtections.class);
            assertThat(protections.allHold()).isTrue();
            assertThat(protections.appendOnlyByPrivilege()).isTrue();
        }
    }

    @Test
    void anExternalDatabaseMigratedByAMigrationRoleThatIsNoSuperuserHoldsEveryProtection() throws Exception {
        Path dir = Files.createTempDirectory("dancu-external-");
        try (EmbeddedDatabase external = EmbeddedDatabase.start(dir.resolve("server"))) {
            // what docs/database.md asks of an operator after db/roles.sql
            try (var connection = DriverManager.getConnection(external.jdbcUrl(), "postgres", external.superuserPassword());
                 var statement = connection.createStatement()) {
                statement.execute("create role dancu_migration login nosuperuser password 'migrates'");
                statement.execute("grant dancu, dancu_audit to dancu_migration");
            }
            try (ConfigurableApplicationContext platform = platform(dir.resolve("platform"), "--dancu.db.url=" + external.jdbcUrl(),
                    "--dancu.db.user=dancu", "--dancu.db.password=" + external.runtimePassword(),
                    "--dancu.db.migration-user=dancu_migration", "--dancu.db.migration-password=migrates")) {
                assertThat(platform.getBean(DatabaseProtections.class).weaknesses()).isEmpty();
                JdbcClient runtime = platform.getBean(JdbcClient.class);
                assertThat(runtime.sql("select current_user").query(String.class).single()).isEqualTo("dancu");
                assertThat(runtime.sql("select tableowner from pg_tables where schemaname = 'audit' and tablename = 'access_log'")
                        .query(String.class).single()).isEqualTo("dancu_audit");
                assertThat(runtime.sql("select tableowner from pg_tables where schemaname = 'registry' and tablename = 'person'")
                        .query(String.class).single()).isEqualTo("dancu");
            }
        }
    }

    @Test
    void anExternalDatabaseMigratedByTheRuntimeRoleItselfStartsAndSaysWhatIsWeak() throws Exception {
        Path dir = Files.createTempDirectory("dancu-external-");
        try (EmbeddedDatabase external = EmbeddedDatabase.start(dir.resolve("server"));
             ConfigurableApplicationContext platform = platform(dir.resolve("platform"), "--dancu.db.url=" + external.jdbcUrl(),
                     "--dancu.db.user=dancu", "--dancu.db.password=" + external.runtimePassword())) {
            DatabaseProtections protections = platform.getBean(DatabaseProtections.class);
            assertThat(protections.notSuperuser()).isTrue();
            assertThat(protections.appendOnlyByPrivilege()).isFalse();
            assertThat(protections.weaknesses()).singleElement().asString().contains("audit.access_log", "procedures.step");
        }
    }

    /** What dancu before its roles made: initdb with trust, every migration up to V13 run as postgres. */
    private static void makeDatabaseOfAnEarlierVersion(Path pgData) throws Exception {
        try (var old = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(pgData)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).setPGStartupWait(java.time.Duration.ofSeconds(60))
                .start()) {
            String url = "jdbc:postgresql://localhost:" + old.getPort() + "/postgres";
            org.flywaydb.core.Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration")
                    .defaultSchema("public").target("13").load().migrate();
            try (var connection = DriverManager.getConnection(url, "postgres", "");
                 var statement = connection.createStatement()) {
                // the BPMN engine made its own tables, as postgres too
                statement.execute("create table flowable.act_left_by_an_earlier_version (note text)");
                statement.execute("insert into flowable.act_left_by_an_earlier_version values ('kept')");
            }
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).contains("trust");
    }

    private static ConfigurableApplicationContext platform(Path dir, String... database) {
        List<String> args = new ArrayList<>(List.of("--dancu.data-dir=" + dir, "--dancu.demo=false"));
        args.addAll(database.length > 0 ? List.of(database) : List.of("--dancu.db.url="));
        return new SpringApplicationBuilder(vn.dancu.DancuApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    private static java.util.Map<String, String> owners(JdbcClient superuser) {
        return superuser.sql("""
                select 'schema ' || nspname, nspowner::regrole::text from pg_namespace
                where nspname in ('registry', 'flowable', 'public')
                union all
                select c.oid::regclass::text, c.relowner::regrole::text from pg_class c
                where c.oid in ('public.flyway_schema_history'::regclass, 'registry.person'::regclass,
                                'procedures.application_code'::regclass, 'flowable.act_left_by_an_earlier_version'::regclass,
                                'audit.access_log'::regclass, 'registry.person_change'::regclass, 'procedures.step'::regclass)
                union all
                select 'registry.refuse_change()', proowner::regrole::text from pg_proc where oid = 'registry.refuse_change()'::regprocedure
                """).query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    private static void assertPasswordFilesAreOwnerOnlyAndOutsideThePostgresDirectory(Path dir) throws Exception {
        for (String name : List.of(EmbeddedDatabase.SUPERUSER_PASSWORD_FILE, EmbeddedDatabase.RUNTIME_PASSWORD_FILE)) {
            Path file = dir.resolve(name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name).isEqualTo("rw-------");
            assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(40);
        }
        try (var inside = Files.walk(dir.resolve("postgres"))) {
            assertThat(inside.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".password"));
        }
    }

    private static List<String> rules(EmbeddedDatabase database) throws Exception {
        List<String> rules = new ArrayList<>();
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", database.superuserPassword());
             var rs = connection.createStatement().executeQuery("select type || ' ' || auth_method from pg_hba_file_rules")) {
            while (rs.next()) {
                rules.add(rs.getString(1));
            }
        }
        return rules;
    }

    private static Process startCrashingPlatform(Path dir, String note) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingPlatform.class.getName(), dir.toString(), note).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("READY")) {
                return process;
            }
        }
        throw new AssertionError("the child platform did not start");
    }

    private static List<String> settings(EmbeddedDatabase database) throws Exception {
        List<String> settings = new ArrayList<>();
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", database.superuserPassword());
             var rs = connection.createStatement().executeQuery("select name || '=' || setting from pg_settings"
                     + " where name in ('fsync', 'synchronous_commit', 'full_page_writes') order by name")) {
            while (rs.next()) {
                settings.add(rs.getString(1));
            }
        }
        return settings;
    }

    private static List<String> notes(EmbeddedDatabase database) throws Exception {
        List<String> notes = new ArrayList<>();
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", database.superuserPassword());
             var rs = connection.createStatement().executeQuery("select note from survivor")) {
            while (rs.next()) {
                notes.add(rs.getString(1));
            }
        }
        return notes;
    }
}
