package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.synthetic.SyntheticPopulation;

class PersonImportTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    javax.sql.DataSource dataSource;

    static String generated(long count, long seed) throws IOException {
        StringWriter out = new StringWriter();
        new SyntheticPopulation(seed, SyntheticPopulation.DEFAULT_REFERENCE).write(count, out);
        return out.toString();
    }

    private JsonNode importAndWait(String fileName, byte[] content) throws InterruptedException {
        Api.Response accepted = api("admin").upload("/api/v1/registry/imports", "file", fileName, content);
        assertThat(accepted.status()).isEqualTo(202);
        String status = accepted.text("status");
        assertThat(accepted.headers().get("location")).isEqualTo(status);
        for (int i = 0; i < 600; i++) {
            JsonNode job = api("admin").get(status).body();
            if (!List.of("QUEUED", "RUNNING").contains(job.path("state").asString())) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not finish");
    }

    @Test
    void aGeneratedFileImportsWithoutRejectionsAndAgainWithoutDuplicates() throws Exception {
        byte[] file = generated(1_500, 11).getBytes(StandardCharsets.UTF_8);
        JsonNode first = importAndWait("population.csv", file);
        assertThat(first.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(first.path("rowsRead").asLong()).isEqualTo(1_500);
        assertThat(first.path("accepted").asLong()).isEqualTo(1_500);
        assertThat(first.path("rejected").asLong()).isZero();

        JsonNode again = importAndWait("population.csv", file);
        assertThat(again.path("accepted").asLong()).isZero();
        assertThat(again.path("alreadyPresent").asLong()).isEqualTo(1_500);
        String someone = generated(1, 11).lines().skip(1).findFirst().orElseThrow().substring(0, 12);
        assertThat(jdbc.sql("select count(*) from registry.person where personal_id = ?").param(someone)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select change_type from registry.person_change c join registry.person p on p.id = c.person_id "
                + "where p.personal_id = ?").param(someone).query(String.class).list()).containsExactly("IMPORTED");
    }

    @Test
    void aNationalLoadIsRefusedIntoAPopulatedRegistryAndAnUnknownModeIsABadRequest() throws Exception {
        byte[] file = generated(3, 13).getBytes(StandardCharsets.UTF_8);
        Api.Response refused = api("admin").upload("/api/v1/registry/imports?mode=initial", "file", "p.csv", file);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("REGISTRY_NOT_EMPTY");
        Api.Response unknown = api("admin").upload("/api/v1/registry/imports?mode=fast", "file", "p.csv", file);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("mode");
    }

    @Test
    void whileANationalLoadHoldsTheRegistryAWriteIsRefusedWithAProblemAndChangesNothing() throws Exception {
        int before = jdbc.sql("select count(*) from registry.person").query(Integer.class).single();
        try (java.sql.Connection load = dataSource.getConnection()) {
            try (java.sql.ResultSet rs = load.createStatement().executeQuery(
                    "select pg_try_advisory_lock(hashtext('" + NationalLoad.LOCK + "'))")) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();
            }
            try {
                Api.Response birth = api("officer.hanoi").post("/api/v1/registry/births", Api.map("fullName", "Vũ Thị Chờ",
                        "gender", "FEMALE", "dateOfBirth", "2026-11-02", "placeOfBirth", "Bệnh viện Phụ sản Hà Nội",
                        "birthRegistrationUnit", "00070", "nationality", "VN", "ethnicity", "Kinh"));
                assertThat(birth.status()).isEqualTo(409);
                assertThat(birth.headers().get("content-type")).contains("application/problem+json");
                assertThat(birth.text("code")).isEqualTo("REGISTRY_LOADING");
                Api.Response upload = api("admin").upload("/api/v1/registry/imports", "file", "p.csv",
                        generated(2, 14).getBytes(StandardCharsets.UTF_8));
                assertThat(upload.status()).as("an import now would run incrementally and wait").isEqualTo(202);
                JsonNode job = api("admin").get(upload.text("status")).body();
                for (int i = 0; i < 300 && List.of("QUEUED", "RUNNING").contains(job.path("state").asString()); i++) {
                    Thread.sleep(100);
                    job = api("admin").get(upload.text("status")).body();
                }
                assertThat(job.path("state").asString()).isEqualTo("FAILED");
                assertThat(job.path("failure").asString()).contains("A national load is filling the registry");
            } finally {
                load.createStatement().execute("select pg_advisory_unlock_all()");
            }
        }
        assertThat(jdbc.sql("select count(*) from registry.person").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndEveryGoodRowIsAccepted() throws Exception {
        List<String> good = generated(6, 12).lines().toList();
        String header = good.getFirst();
        String okA = good.get(1);
        String okB = good.get(2);
        String okC = good.get(3);
        // Rows 4-6 form the second household; each is broken in its own way.
        String badDate = replaceField(good.get(4), 3, "1990-02-30");
        String unknownUnit = replaceField(good.get(5), 5, "99999");
        String id6 = good.get(6).substring(0, 12);
        String wrongStructure = replaceField(good.get(6), 0, id6.substring(0, 3) + (char) (id6.charAt(3) ^ 1) + id6.substring(4));
        String duplicate = replaceField(okA, 1, "Trần Thị Khác");
        String brokenQuote = "0\"01,broken";
        String text = String.join("\n", header, okA, okB, badDate, unknownUnit, wrongStructure, duplicate, brokenQuote,
                okC) + "\n";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] windows = (okC + "\n").getBytes(Charset.forName("windows-1258"));
        byte[] file = new byte[utf8.length + windows.length];
        System.arraycopy(utf8, 0, file, 0, utf8.length);
        System.arraycopy(windows, 0, file, utf8.length, windows.length);

        JsonNode job = importAndWait("messy.csv", file);

        assertThat(job.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("rowsRead").asLong()).isEqualTo(9);
        assertThat(job.path("accepted").asLong()).isEqualTo(3);
        assertThat(job.path("rejected").asLong()).isEqualTo(6);
        String report = api("admin").text("/api/v1/registry/imports/" + job.path("id").asString() + "/rejections");
        assertThat(report.lines().toList()).hasSize(7).first().isEqualTo("line,reason");
        assertThat(report).contains("4,\"date_of_birth", "5,\"birth_registration_unit", "6,\"personal_id",
                "7,\"personal_id: appears twice", "8,\"broken CSV", "10,\"the line is not valid UTF-8");
    }

    /** The generated households with a spouse, each as [head, spouse] lines. */
    private static List<List<String>> couples(String csv) throws IOException {
        List<String> lines = csv.lines().skip(1).toList();
        List<List<String>> couples = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (field(lines.get(i), 14).equals("HEAD") && field(lines.get(i + 1), 14).equals("SPOUSE")) {
                couples.add(List.of(lines.get(i), lines.get(i + 1)));
            }
        }
        return couples;
    }

    private static String field(String line, int index) throws IOException {
        try (vn.dancu.platform.Csv csv = new vn.dancu.platform.Csv(new java.io.StringReader(line + "\n"))) {
            return ((vn.dancu.platform.Csv.Record) csv.next()).get(index);
        }
    }

    /** A line of another household, moved into {@code household} with the relationship given and without parents. */
    private static String joining(String line, String household, String relationship) throws IOException {
        return replaceField(replaceField(replaceField(replaceField(line, 11, ""), 12, ""), 13, household), 14, relationship);
    }

    private record Married(String status, String spouse) {
    }

    private Married married(String personalId) {
        return jdbc.sql("select p.marital_status, s.personal_id from registry.person p left join registry.person s on s.id = p.spouse_id "
                + "where p.personal_id = ?").param(personalId).query((rs, n) -> new Married(rs.getString(1), rs.getString(2))).single();
    }

    @Test
    void aSpouseRowMarriesTheHeadEvenWhenTheHeadCameInAnEarlierFile() throws Exception {
        String header = generated(1, 913).lines().findFirst().orElseThrow();
        List<List<String>> couples = couples(generated(400, 913));
        List<String> couple = couples.getFirst();
        String head = field(couple.get(0), 0);
        String spouse = field(couple.get(1), 0);
        assertThat(importAndWait("head.csv", (header + "\n" + couple.get(0) + "\n").getBytes(StandardCharsets.UTF_8))
                .path("accepted").asLong()).isEqualTo(1);
        assertThat(married(head)).isEqualTo(new Married("SINGLE", null));
        assertThat(importAndWait("spouse.csv", (header + "\n" + couple.get(1) + "\n").getBytes(StandardCharsets.UTF_8))
                .path("accepted").asLong()).isEqualTo(1);
        assertThat(married(head)).isEqualTo(new Married("MARRIED", spouse));
        assertThat(married(spouse)).isEqualTo(new Married("MARRIED", head));
        assertThat(jdbc.sql("select c.changes::text from registry.person_change c join registry.person p on p.id = c.person_id "
                + "where p.personal_id = ? order by c.id").param(head).query(String.class).list())
                .as("the head's history says when it learnt of the marriage").hasSize(2).last().asString()
                .contains("maritalStatus", "MARRIED", spouse, "spouse.csv");

        List<String> other = couples.get(1);
        String otherHead = field(other.get(0), 0);
        String household = field(other.get(0), 13);
        String secondSpouse = joining(couples.get(2).get(field(couples.get(2).get(0), 2).equals(field(other.get(0), 2)) ? 1 : 0),
                household, "SPOUSE");
        String sameGender = joining(couples.get(3).get(field(couples.get(3).get(0), 2).equals(field(other.get(0), 2)) ? 0 : 1),
                household, "SPOUSE");
        JsonNode job = importAndWait("couples.csv", String.join("\n", header, other.get(0), other.get(1), secondSpouse, sameGender)
                .concat("\n").getBytes(StandardCharsets.UTF_8));
        assertThat(job.path("accepted").asLong()).isEqualTo(2);
        String report = api("admin").text("/api/v1/registry/imports/" + job.path("id").asString() + "/rejections");
        assertThat(report).contains("4,\"relationship_to_head: the head " + otherHead + " is married already",
                "5,\"relationship_to_head: a SPOUSE is of the other gender than the head");
        assertThat(married(otherHead)).isEqualTo(new Married("MARRIED", field(other.get(1), 0)));
    }

    @Test
    void aFileWithoutTheHeaderFailsAndSaysWhy() throws Exception {
        JsonNode job = importAndWait("no-header.csv", "a,b,c\n".getBytes(StandardCharsets.UTF_8));
        assertThat(job.path("state").asString()).isEqualTo("FAILED");
        assertThat(job.path("failure").asString()).contains("personal_id,full_name");
    }

    @Test
    void onlyAdministratorsAndCentralOfficersImport() {
        Api.Response refused = api("officer.hanoi").upload("/api/v1/registry/imports", "file", "x.csv", "x".getBytes());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api("admin").upload("/api/v1/registry/imports", "file", "empty.csv", new byte[0]).fieldErrors())
                .contains("file:EMPTY");
        assertThat(api("admin").get("/api/v1/registry/imports/00000000-0000-0000-0000-000000000000").code())
                .isEqualTo("IMPORT_NOT_FOUND");
        assertThat(api("admin").get("/api/v1/registry/imports/not-a-uuid").fieldErrors()).contains("id:INVALID_FORMAT");
    }

    /** The CSV line with one field replaced, quoted as the format requires. */
    static String replaceField(String line, int index, String value) throws IOException {
        try (vn.dancu.platform.Csv csv = new vn.dancu.platform.Csv(new java.io.StringReader(line))) {
            List<String> fields = new java.util.ArrayList<>(((vn.dancu.platform.Csv.Record) csv.next()).fields());
            fields.set(index, value);
            return String.join(",", fields.stream().map(f -> f.contains(",") || f.contains("\"")
                    ? "\"" + f.replace("\"", "\"\"") + "\"" : f).toList());
        }
    }

}
