package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.DancuApplication;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Csv;
import vn.dancu.platform.DatabaseSuperuser;
import vn.dancu.synthetic.SyntheticPopulation;

/**
 * The national load: kill -9 in the middle of its transaction leaves an empty registry with every
 * index and key; a rerun loads everything, with the incremental import's checks and reasons, done
 * set-wise; an incremental import of the same file afterwards finds every accepted person present
 * and accepts nothing the load refused.
 */
class NationalLoadTest {

    static final int PERSONS = 100_000;
    private static final String MISSING_FATHER = "001099000001";
    /** The row-by-row validation's reason, whatever its wording: the reason starts with the field. */
    private static final String BAD_DATE = "date_of_birth";
    private static final String OWNED = "array['registry.person','registry.household','registry.legacy_id','registry.residence',"
            + "'registry.person_change','registry.issued_number']::regclass[]";

    @Test
    void aLoadKilledMidwayLeavesNothingAndARerunLoadsWithTheSameChecks() throws Exception {
        Path dir = Files.createTempDirectory("dancu-national-load-");
        try {
            loadKilledAndRerun(dir);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir); // a database of 100,000 persons and their file
        }
    }

    private void loadKilledAndRerun(Path dir) throws Exception {
        Path file = dir.resolve("persons.csv");
        Crafted crafted = craft();
        Files.writeString(file, crafted.text(), StandardCharsets.UTF_8);
        Path data = dir.resolve("data");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), CrashingImport.class.getName(), data.toString(), file.toString(), "NATIONAL")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        String phase = waitForTheLoadsTransaction(data, child);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(DancuApplication.class)
                .web(WebApplicationType.NONE).run("--dancu.data-dir=" + data, "--dancu.demo=false")) {
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            PersonImport imports = restarted.getBean(PersonImport.class);
            var job = jdbc.sql("select state, accepted, mode from registry.import_job").query().singleRow();
            assertThat(job.get("state")).as("killed in phase " + phase).isEqualTo("INTERRUPTED");
            assertThat(job.get("mode")).isEqualTo("NATIONAL");
            assertThat(count(jdbc, "registry.person")).as("nothing of the load is visible").isZero();
            assertThat(count(jdbc, "registry.person_change")).isZero();
            assertThat(count(jdbc, "registry.household")).isZero();
            Map<String, Boolean> indexes = indexes(jdbc);
            List<String> keys = foreignKeys(jdbc);
            assertThat(indexes).as("the dropped indexes came back with the rollback")
                    .containsKeys("registry.person_name_trgm", "registry.person_personal_id_key", "registry.person_birth",
                            "registry.household_external_key_key", "registry.residence_person", "registry.legacy_id_person")
                    .doesNotContainValue(false);
            assertThat(keys).contains("person_father_id_fkey", "household_head_person_id_fkey", "residence_person_id_fkey");

            PersonImport.JobStatus rerun = imports.importNow(file, "national.csv", "load.test", PersonImport.Mode.AUTO);

            assertThat(rerun.mode()).as("an empty registry is loaded nationally").isEqualTo(PersonImport.Mode.NATIONAL);
            assertThat(rerun.state()).isEqualTo("COMPLETED");
            assertThat(rerun.rowsRead()).isEqualTo(crafted.rows());
            Map<Long, String> rejected = rejections(jdbc, rerun);
            crafted.reasons().forEach((line, reason) -> {
                if (reason.equals(BAD_DATE)) {
                    assertThat(rejected.get(line)).startsWith(BAD_DATE);
                    rejected.put(line, BAD_DATE);
                }
            });
            assertThat(rejected).isEqualTo(crafted.reasons());
            assertThat(rerun.accepted()).isEqualTo(crafted.rows() - crafted.reasons().size());
            assertThat(count(jdbc, "registry.person")).isEqualTo(rerun.accepted());
            assertThat(count(jdbc, "registry.issued_number")).isEqualTo(rerun.accepted());
            assertThat(jdbc.sql("select count(*) from registry.person_change where change_type = 'IMPORTED' "
                    + "and changes @> '[{\"field\": \"personalId\"}]'").query(Long.class).single()).isEqualTo(rerun.accepted());
            assertThat(jdbc.sql("select count(*) from registry.person p join registry.person s on s.id = p.spouse_id "
                    + "where s.spouse_id <> p.id or p.marital_status <> 'MARRIED'").query(Long.class).single()).isZero();
            long married = jdbc.sql("select count(*) from registry.person where marital_status = 'MARRIED'").query(Long.class).single();
            assertThat(married).isPositive();
            assertThat(jdbc.sql("select count(*) from registry.person_change where changes @> '[{\"field\": \"spouse\"}]'")
                    .query(Long.class).single()).as("each spouse's record names the other").isEqualTo(married);
            assertThat(jdbc.sql("select count(*) from registry.household h join registry.person p on p.id = h.head_person_id "
                    + "where p.household_id = h.id and p.relationship_to_head = 'HEAD'").query(Long.class).single())
                    .isEqualTo(count(jdbc, "registry.household")).isPositive();
            assertThat(jdbc.sql("select count(*) from registry.person c join registry.person f on f.id = c.father_id "
                    + "where f.gender = 'MALE' and f.date_of_birth < c.date_of_birth").query(Long.class).single())
                    .isEqualTo(jdbc.sql("select count(*) from registry.person where father_id is not null").query(Long.class).single())
                    .isPositive();
            assertThat(imports.searchIndexPending()).as("the name search's index is built after the commit").isFalse();
            assertThat(indexes(jdbc)).isEqualTo(indexes);
            assertThat(foreignKeys(jdbc)).isEqualTo(keys);
            assertThat(jdbc.sql("select count(*) from registry.import_stage").query(Long.class).single()).as("staging emptied").isZero();
            waitForTheFigures(jdbc);
            String figures = "select count(*) || ':' || md5(string_agg(fact || unit_id || k1 || k2 || k3 || value, ',' "
                    + "order by fact, unit_id, k1, k2, k3)) from statistics.figure where fact = 'population'";
            String recounted = jdbc.sql(figures).query(String.class).single();
            assertThat(recounted).doesNotStartWith("0:");
            restarted.getBean(vn.dancu.statistics.Rebuild.class).run();
            assertThat(jdbc.sql(figures).query(String.class).single()).as("the figures were recounted from the loaded registry")
                    .isEqualTo(recounted);

            PersonImport.JobStatus again = imports.importNow(file, "national.csv", "load.test", PersonImport.Mode.AUTO);
            assertThat(again.mode()).isEqualTo(PersonImport.Mode.INCREMENTAL);
            assertThat(again.alreadyPresent()).isEqualTo(rerun.accepted());
            assertThat(again.accepted()).as("the incremental checks accept nothing the set-wise ones refused").isZero();
            assertThat(again.rejected()).isEqualTo(rerun.rejected());

            assertThatThrownBy(() -> imports.importNow(file, "national.csv", "load.test", PersonImport.Mode.NATIONAL))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("REGISTRY_NOT_EMPTY"));
            writesAreRefusedWhileALoadHoldsTheRegistry(restarted, imports, file);
        }
    }

    /** A load holds the registry's lock exclusively: an incremental import is refused with the reason, and writes nothing. */
    private static void writesAreRefusedWhileALoadHoldsTheRegistry(ConfigurableApplicationContext context, PersonImport imports,
                                                                   Path file) throws Exception {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long before = count(jdbc, "registry.person_change");
        try (Connection holder = context.getBean(javax.sql.DataSource.class).getConnection()) {
            try (ResultSet rs = holder.createStatement().executeQuery(
                    "select pg_try_advisory_lock(hashtext('" + NationalLoad.LOCK + "'))")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            PersonImport.JobStatus refused = imports.importNow(file, "national.csv", "load.test", PersonImport.Mode.INCREMENTAL);
            assertThat(refused.state()).isEqualTo("FAILED");
            assertThat(refused.failure()).contains("A national load is filling the registry");
            holder.createStatement().execute("select pg_advisory_unlock_all()");
        }
        assertThat(count(jdbc, "registry.person_change")).isEqualTo(before);
    }

    /** The generated persons, then rows that each test one set-wise check, with the reasons expected for them. */
    record Crafted(String text, long rows, Map<Long, String> reasons) {
    }

    static Crafted craft() throws Exception {
        List<String> lines = new ArrayList<>(generated(PERSONS, 77).lines().toList());
        List<String> extra = generated(40, 78).lines().skip(1).toList();
        Map<Long, String> reasons = new java.util.TreeMap<>();
        // the first household of the extra rows whose HEAD has members: its HEAD names a father nobody has
        String key = null;
        for (String row : extra) {
            List<String> f = fields(row);
            if ("HEAD".equals(f.get(14)) && extra.stream().filter(r -> fields(r).get(13).equals(f.get(13))).count() > 1) {
                key = f.get(13);
                break;
            }
        }
        assertThat(key).isNotNull();
        List<String> refusedPersons = new ArrayList<>();
        for (String row : extra) {
            List<String> f = fields(row);
            long line = lines.size() + 1;
            if (f.get(13).equals(key) && "HEAD".equals(f.get(14))) {
                row = PersonImportTest.replaceField(row, 11, MISSING_FATHER);
                reasons.put(line, "father_personal_id: no person has this number (parents must be imported first)");
                refusedPersons.add(f.get(0));
            } else if (refusedPersons.contains(f.get(11)) || refusedPersons.contains(f.get(12))) {
                String parent = refusedPersons.contains(f.get(11)) ? "father_personal_id" : "mother_personal_id";
                reasons.put(line, parent + ": no person has this number (parents must be imported first)");
                refusedPersons.add(f.get(0));
            } else if (f.get(13).equals(key)) {
                reasons.put(line, "household_key: no household " + key + " (its HEAD row must come first and be accepted)");
                refusedPersons.add(f.get(0));
            }
            lines.add(row);
        }
        assertThat(reasons).hasSizeGreaterThan(1);
        String someone = lines.get(5);
        reasons.put((long) lines.size() + 1, "personal_id: appears twice in the file");
        lines.add(PersonImportTest.replaceField(someone, 1, "Trần Thị Khác"));
        reasons.put((long) lines.size() + 1, BAD_DATE);
        lines.add(PersonImportTest.replaceField(lines.get(7), 3, "1990-02-30"));
        reasons.put((long) lines.size() + 1, "broken CSV: a quote inside an unquoted field, or text after a closing quote");
        lines.add("0\"01,broken");
        return new Crafted(String.join("\n", lines) + "\n", lines.size() - 1, reasons);
    }

    private static Map<Long, String> rejections(JdbcClient jdbc, PersonImport.JobStatus job) {
        Map<Long, String> found = new java.util.TreeMap<>();
        jdbc.sql("select line, reason from registry.import_rejection where job_id = ?").param(job.id())
                .query((rs, n) -> found.put(rs.getLong("line"), rs.getString("reason"))).list();
        return found;
    }

    private static String generated(long count, long seed) throws Exception {
        StringWriter out = new StringWriter();
        new SyntheticPopulation(seed, SyntheticPopulation.DEFAULT_REFERENCE).write(count, out);
        return out.toString();
    }

    private static List<String> fields(String row) {
        try (Csv csv = new Csv(new java.io.StringReader(row))) {
            return ((Csv.Record) csv.next()).fields();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static Map<String, Boolean> indexes(JdbcClient jdbc) {
        return jdbc.sql("select indexrelid::regclass::text as name, indisvalid from pg_index where indrelid = any(" + OWNED + ")")
                .query((rs, n) -> Map.entry(rs.getString("name"), rs.getBoolean("indisvalid"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<String> foreignKeys(JdbcClient jdbc) {
        return jdbc.sql("select conname from pg_constraint where contype in ('f', 'u') and (conrelid = any(" + OWNED
                + ") or confrelid = any(" + OWNED + ")) order by conname").query(String.class).list();
    }

    private static void waitForTheFigures(JdbcClient jdbc) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (jdbc.sql("select exists (select 1 from statistics.state)").query(Boolean.class).single()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the figures were not recounted after the load");
    }

    private static boolean serverUp(Path pid) {
        try {
            return Files.readAllLines(pid).size() > 3;
        } catch (java.io.IOException notYet) {
            return false; // initdb's own server removes its pid file on stopping
        }
    }

    /** Polls the child's embedded PostgreSQL until the load's single transaction has begun; returns the phase seen. */
    private static String waitForTheLoadsTransaction(Path data, Process child) throws Exception {
        Path pid = data.resolve("postgres/postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the child ended early: " + Files.readString(data.getParent().resolve("child.log")));
            }
            if (serverUp(pid)) {
                try (Connection c = DatabaseSuperuser.dataSource(data).getConnection();
                     ResultSet rs = c.createStatement().executeQuery("select phase from registry.import_job")) {
                    if (rs.next() && rs.getString(1) != null && List.of("CHECKING", "WRITING", "INDEXING").contains(rs.getString(1))) {
                        return rs.getString(1);
                    }
                } catch (java.sql.SQLException | java.io.UncheckedIOException notYet) {
                    // the server, its password or the schema is not there yet
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the load never reached its transaction");
    }
}
