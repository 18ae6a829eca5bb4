package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The open statistics over real HTTP. The figures of marital status are this test's own (inserted,
 * and the platform's put back afterwards), so every count, and so every withheld cell, is known.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenStatisticsApiTest extends IntegrationTest {

    private static final List<String> MARITAL = List.of("SINGLE", "MARRIED", "DIVORCED", "WIDOWED");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Units units;
    @Autowired
    Statistics statistics;
    @Autowired
    Tally tally;
    @Autowired
    Rebuild rebuild;

    private final HttpClient http = HttpClient.newHttpClient();
    private List<AdministrativeUnit> provinces;
    private List<AdministrativeUnit> hanoiCommunes;
    private long[][] hanoi;

    /**
     * The figures are built at the first start, in the background, and changes of earlier tests may
     * still wait in the journal: both must be in before the test replaces two facts with its own.
     */
    @BeforeAll
    void figuresOfMaritalStatusThatTheTestKnows() throws InterruptedException {
        for (int i = 0; i < 600 && statistics.freshness().isEmpty(); i++) {
            Thread.sleep(100);
        }
        tally.foldNow();
        jdbc.sql("delete from statistics.figure where fact in ('marital', 'moves')").update();
        provinces = units.list(AdministrativeUnit.PROVINCE, null, units.today());
        AdministrativeUnit hanoiProvince = units.find(AdministrativeUnit.PROVINCE, "01", units.today()).orElseThrow();
        hanoiCommunes = units.list(AdministrativeUnit.COMMUNE, hanoiProvince.id(), units.today());
        hanoi = new long[hanoiCommunes.size()][4];
        long[] hanoiTotal = new long[4];
        for (int j = 0; j < hanoiCommunes.size(); j++) {
            // one commune has 3 divorced persons: the cell below k = 10 that must be withheld
            hanoi[j] = new long[] {30 + j, 60 + j, j == 0 ? 3 : 12 + j % 7, 11 + j % 5};
            for (int c = 0; c < 4; c++) {
                insert(hanoiCommunes.get(j).id(), MARITAL.get(c), hanoi[j][c]);
                hanoiTotal[c] += hanoi[j][c];
            }
        }
        long[] nation = new long[4];
        for (int i = 0; i < provinces.size(); i++) {
            long[] row = provinces.get(i).id() == hanoiProvince.id() ? hanoiTotal
                    : new long[] {1000 + i, 2000 + i, 50 + i, i == 3 ? 4 : 100 + i};
            for (int c = 0; c < 4; c++) {
                insert(provinces.get(i).id(), MARITAL.get(c), row[c]);
                nation[c] += row[c];
            }
        }
        for (int c = 0; c < 4; c++) {
            insert(Statistics.NATION, MARITAL.get(c), nation[c]);
        }
    }

    /** The platform's own figures back, as a rebuild counts them. */
    @AfterAll
    void thePlatformsFiguresBack() {
        rebuild.run();
    }

    private void insert(long unitId, String k1, long value) {
        jdbc.sql("insert into statistics.figure (fact, unit_id, k1, value) values ('marital', ?, ?, ?)").params(unitId, k1, value).update();
    }

    @Test
    void anAgencyReadsTheCommunesOfAProvinceWithSmallCellsWithheldThatNoIntruderRecoversAndIsCharged() throws Exception {
        long member = memberId("demo-statistics");
        long usageBefore = usage(member);
        Api.Response answer = member("demo-statistics").get("/api/v1/statistics/tables/marital?unit=01&purpose=OFFICIAL_STATISTICS");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode table = answer.body().path("table");
        assertThat(table.path("release").asString()).isEqualTo("OFFICIAL");
        assertThat(table.path("unit").path("code").asString()).isEqualTo("01");
        assertThat(table.path("columns").toString()).isEqualTo("[\"SINGLE\",\"MARRIED\",\"DIVORCED\",\"WIDOWED\"]");
        assertThat(table.path("rows")).hasSize(hanoiCommunes.size());
        JsonNode first = table.path("rows").get(0);
        assertThat(first.path("code").asString()).isEqualTo(hanoiCommunes.getFirst().code());
        assertThat(first.path("cells").get(2).isNull()).as("the 3 divorced persons").isTrue();
        int withheldInRow = 0;
        for (JsonNode cell : first.path("cells")) {
            withheldInRow += cell.isNull() ? 1 : 0;
        }
        withheldInRow += first.path("total").isNull() ? 1 : 0;
        assertThat(withheldInRow).as("withheld cells of the row").isGreaterThanOrEqualTo(2);
        assertThat(table.path("disclosure").path("k").asInt()).isEqualTo(10);
        assertThat(table.path("disclosure").path("withheld").asInt()).isGreaterThanOrEqualTo(4);

        // every published number is the count, and the intruder pins no withheld one
        long[][] truth = Suppression.extend(hanoi, 4);
        boolean[][] hidden = new boolean[truth.length][5];
        int published = 0;
        for (int r = 0; r < truth.length; r++) {
            JsonNode row = r < hanoi.length ? table.path("rows").get(r) : table.path("totals");
            for (int c = 0; c < 5; c++) {
                JsonNode cell = c < 4 ? row.path("cells").get(c) : row.path("total");
                hidden[r][c] = cell.isNull();
                if (!cell.isNull()) {
                    assertThat(cell.asLong()).as("cell %d,%d", r, c).isEqualTo(truth[r][c]);
                    published++;
                }
            }
        }
        Intruder intruder = new Intruder(truth.length * 5);
        intruder.table(truth, hidden, Intruder.ids(truth.length, 5, 0));
        assertThat(intruder.propagation()).isEmpty();
        long[][] bounds = intruder.bounds();
        for (int i = 0; i < bounds[0].length; i++) {
            assertThat(bounds[0][i] < bounds[1][i] || !hidden[i / 5][i % 5]).as("bounds of withheld cell %d", i).isTrue();
        }

        // metered like the exchange's products: one call, the published cells at the product's fee
        assertThat(usage(member)).isEqualTo(usageBefore + 1);
        Map<String, Object> line = jdbc.sql("""
                        select operation, product, calls, fields, fee_vnd, purpose_code from exchange.usage where member_id = ?
                        order by id desc limit 1""").param(member).query().singleRow();
        assertThat(line).containsEntry("operation", "STATISTICS").containsEntry("product", "statistics").containsEntry("calls", 1)
                .containsEntry("fields", published).containsEntry("fee_vnd", published * 10L)
                .containsEntry("purpose_code", "OFFICIAL_STATISTICS");
    }

    @Test
    void theNationsTableOfProvincesWithholdsTheSmallProvinceCellAndItsComplements() throws Exception {
        Api.Response answer = member("demo-statistics").get("/api/v1/statistics/tables/marital?purpose=DIRECTION");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode rows = answer.body().path("table").path("rows");
        assertThat(rows).hasSize(provinces.size());
        assertThat(rows.get(3).path("cells").get(3).isNull()).as("4 widowed persons").isTrue();
        assertThat(answer.body().path("table").path("totals").path("total").isNull()).as("the nation's total is published").isFalse();
    }

    @Test
    void anOldProvinceCodeIsAnsweredWithTheProvinceOfToday() throws Exception {
        Api.Response answer = member("demo-statistics").get("/api/v1/statistics/tables/marital?unit=02&purpose=OFFICIAL_STATISTICS");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("table").path("unit").path("code").asString()).isEqualTo("08");
        assertThat(answer.body().path("table").path("requestedUnit").path("code").asString()).isEqualTo("02");
    }

    @Test
    void badQuestionsAreRefusedWithTheirFieldsAndCostNothing() throws Exception {
        long member = memberId("demo-statistics");
        long before = usage(member);
        Api api = member("demo-statistics");
        assertInvalid(api.get("/api/v1/statistics/tables/marital?unit=99&purpose=OFFICIAL_STATISTICS"), "unit:UNKNOWN_UNIT");
        assertInvalid(api.get("/api/v1/statistics/tables/marital?unit=abc&purpose=OFFICIAL_STATISTICS"), "unit:INVALID_FORMAT");
        assertInvalid(api.get("/api/v1/statistics/tables/marital?unit=00166&purpose=OFFICIAL_STATISTICS"), "unit:COMMUNE_NOT_A_TABLE");
        assertInvalid(api.get("/api/v1/statistics/tables/moves?unit=01&purpose=OFFICIAL_STATISTICS"), "unit:NATION_ONLY");
        assertInvalid(api.get("/api/v1/statistics/tables/salaries?purpose=OFFICIAL_STATISTICS"), "dimension:UNKNOWN_TABLE");
        assertInvalid(api.get("/api/v1/statistics/tables/marital"), "purpose:REQUIRED");
        assertInvalid(api.get("/api/v1/statistics/tables/marital?purpose=NOT_A_PURPOSE"), "purpose:UNKNOWN_PURPOSE");
        assertInvalid(api.get("/api/v1/statistics/tables/births?from=2026-13&purpose=OFFICIAL_STATISTICS"), "from:INVALID_MONTH");
        assertInvalid(api.get("/api/v1/statistics/tables/births?from=2026-06&to=2026-01&purpose=OFFICIAL_STATISTICS"), "from:AFTER_TO");
        assertInvalid(api.get("/api/v1/statistics/tables/births?from=2020-01&to=2026-01&purpose=OFFICIAL_STATISTICS"), "to:TOO_MANY_MONTHS");
        assertInvalid(api.get("/api/v1/statistics/tables/marital?release=LEAKED&purpose=OFFICIAL_STATISTICS"), "release:NOT_ALLOWED");
        assertInvalid(api.get("/api/v1/statistics/tables/ethnicity?release=RESEARCH&purpose=RESEARCH"), "dimension:NOT_RELEASED_WITH_NOISE");
        Api.Response purpose = api.get("/api/v1/statistics/tables/marital?purpose=TAX");
        assertThat(purpose.status()).isEqualTo(403);
        assertThat(purpose.code()).isEqualTo("PURPOSE_NOT_ALLOWED");
        assertThat(usage(member)).as("usage lines").isEqualTo(before);
    }

    @Test
    void aMemberWithoutTheProductOrWithoutATokenIsRefused() throws Exception {
        Api ministry = member("demo-ministry");
        Api.Response table = ministry.get("/api/v1/statistics/tables/marital?purpose=CIVIL_STATUS");
        assertThat(table.status()).isEqualTo(403);
        assertThat(table.code()).isEqualTo("PRODUCT_NOT_IN_POLICY");
        // what it would get is no secret
        assertThat(ministry.get("/api/v1/statistics/tables").status()).isEqualTo(200);
        Api.Response anonymous = anonymous().get("/api/v1/statistics/tables/marital?purpose=OFFICIAL_STATISTICS");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("TOKEN_REQUIRED");
        // a staff login is not a member's token
        assertThat(api("officer.hanoi").get("/api/v1/statistics/budget").status()).isEqualTo(401);
        assertThat(member("demo-statistics").get("/api/v1/statistics/tables").body().path("tables")).hasSize(Dimension.values().length);
    }

    @Test
    void aResearchReleaseIsDrawnOnceChargedOnceAndRefusedBeyondTheBudget() throws Exception {
        long member = memberId("demo-statistics");
        Api api = member("demo-statistics");
        JsonNode before = api.get("/api/v1/statistics/budget").body();
        double spent = before.path("spent").asDouble();
        jdbc.sql("insert into statistics.privacy_budget (member_id, monthly_epsilon) values (?, ?) on conflict (member_id) do update "
                + "set monthly_epsilon = excluded.monthly_epsilon").params(member, new java.math.BigDecimal(spent + 2.5)).update();
        try {
            String first = "/api/v1/statistics/tables/marital?release=RESEARCH&purpose=RESEARCH";
            Api.Response noisy = api.get(first);
            assertThat(noisy.status()).as(noisy.body().toString()).isEqualTo(200);
            assertThat(noisy.body().path("table").path("disclosure").path("noise").asString()).isEqualTo("DISCRETE_LAPLACE");
            assertThat(noisy.body().path("budget").path("spent").asDouble()).isEqualTo(spent + 1);
            Api.Response again = api.get(first);
            assertThat(again.body().path("table")).as("served as released").isEqualTo(noisy.body().path("table"));
            assertThat(again.body().path("budget").path("spent").asDouble()).as("no second charge").isEqualTo(spent + 1);
            assertThat(api.get("/api/v1/statistics/tables/sex?release=RESEARCH&purpose=RESEARCH").status()).isEqualTo(200);
            long usage = usage(member);
            Api.Response refused = api.get("/api/v1/statistics/tables/age?release=RESEARCH&purpose=RESEARCH");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.code()).isEqualTo("PRIVACY_BUDGET_EXHAUSTED");
            assertThat(refused.body().path("remaining").asDouble()).isEqualTo(0.5);
            assertThat(refused.headers()).containsKey("retry-after");
            assertThat(usage(member)).as("nothing metered for a refusal").isEqualTo(usage);
            assertThat(jdbc.sql("select count(*) from statistics.privacy_charge where member_id = ? and dimension = 'age'").param(member)
                    .query(Long.class).single()).isZero();
        } finally {
            jdbc.sql("delete from statistics.privacy_budget where member_id = ?").param(member).update();
        }
    }

    @Test
    void everyoneReadsNoisyTablesReleasedOnceAndNothingExact() {
        Api.Response table = anonymous().get("/api/v1/statistics/public/tables/marital");
        assertThat(table.status()).as(table.body().toString()).isEqualTo(200);
        assertThat(table.body().path("release").asString()).isEqualTo("PUBLIC");
        assertThat(table.body().path("disclosure").path("epsilon").asDouble()).isEqualTo(1.0);
        assertThat(anonymous().get("/api/v1/statistics/public/tables/marital").body()).isEqualTo(table.body());
        for (JsonNode row : table.body().path("rows")) {
            for (JsonNode cell : row.path("cells")) {
                assertThat(cell.isNull() || cell.asLong() >= 10).as("no small number is published").isTrue();
            }
        }
        Api.Response province = anonymous().get("/api/v1/statistics/public/tables/marital?unit=01");
        assertThat(province.body().path("rows")).hasSize(hanoiCommunes.size());
        Api.Response exact = anonymous().get("/api/v1/statistics/public/tables/ethnicity");
        assertThat(exact.status()).isEqualTo(400);
        assertThat(exact.fieldErrors()).containsExactly("dimension:NOT_RELEASED_WITH_NOISE");
        assertThat(anonymous().get("/api/v1/statistics/public/tables").body().path("tables")).isNotEmpty();
    }

    @Test
    void movesBetweenProvincesAreATableOfOriginsByDestinationsOverTheMonthsAskedFor() throws Exception {
        AdministrativeUnit hanoi = provinces.stream().filter(p -> p.code().equals("01")).findFirst().orElseThrow();
        AdministrativeUnit hcm = provinces.stream().filter(p -> p.code().equals("79")).findFirst().orElseThrow();
        // moves are kept under the destination, with the origin's id and the month as keys
        for (Object[] move : new Object[][] {{hcm, hanoi, "2026-02", 25L}, {hcm, hanoi, "2026-03", 7L}, {hcm, hanoi, "2025-12", 99L},
                {hanoi, hcm, "2026-02", 40L}, {hanoi, provinces.get(1), "2026-01", 3L}}) {
            AdministrativeUnit to = (AdministrativeUnit) move[0];
            AdministrativeUnit from = (AdministrativeUnit) move[1];
            jdbc.sql("insert into statistics.figure (fact, unit_id, k1, k2, value) values ('moves', ?, ?, ?, ?)")
                    .params(to.id(), Long.toString(from.id()), move[2], move[3]).update();
        }
        Api.Response answer = member("demo-statistics").get("/api/v1/statistics/tables/moves?from=2026-01&to=2026-03&purpose=DIRECTION");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode table = answer.body().path("table");
        assertThat(table.path("fromMonth").asString()).isEqualTo("2026-01");
        assertThat(table.path("columns")).hasSize(provinces.size());
        assertThat(table.path("totals").path("total").asLong()).as("all moves of the three months, published").isEqualTo(32 + 40 + 3);
        int from = provinces.indexOf(hanoi);
        int to = provinces.indexOf(hcm);
        JsonNode row = table.path("rows").get(from);
        assertThat(row.path("code").asString()).isEqualTo("01");
        long[][] cells = new long[provinces.size()][provinces.size()];
        cells[from][to] = 32;
        cells[to][from] = 40;
        cells[1][from] = 3;
        long[][] truth = Suppression.extend(cells, provinces.size());
        int n = truth.length;
        boolean[][] hidden = new boolean[n][n];
        for (int r = 0; r < n; r++) {
            JsonNode line = r < n - 1 ? table.path("rows").get(r) : table.path("totals");
            for (int c = 0; c < n; c++) {
                JsonNode cell = c < n - 1 ? line.path("cells").get(c) : line.path("total");
                hidden[r][c] = cell.isNull();
                assertThat(cell.isNull() || cell.asLong() == truth[r][c]).as("cell %d,%d", r, c).isTrue();
                assertThat(cell.isNull() || truth[r][c] >= 10 || (r == n - 1 && c == n - 1)).as("small cell %d,%d", r, c).isTrue();
            }
        }
        Intruder intruder = new Intruder(n * n);
        intruder.table(truth, hidden, Intruder.ids(n, n, 0));
        assertThat(intruder.propagation()).isEmpty();
        long[][] bounds = intruder.bounds();
        for (int i = 0; i < n * n; i++) {
            assertThat(!hidden[i / n][i % n] || bounds[0][i] < bounds[1][i]).as("bounds of withheld cell %d", i).isTrue();
        }
    }

    @Test
    void aBusinessGetsResearchReleasesOnlyAndNoCitizenIsAskedToConsentToFigures() throws Exception {
        Api admin = api("admin");
        assertThat(admin.post("/api/v1/admin/members", Api.map("code", "stats-research", "name", "Viện Nghiên cứu Dân số (thử)",
                "kind", "BUSINESS", "sector", "OTHER")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/admin/members/stats-research/policies", Api.map("products", List.of("statistics"),
                "purposes", List.of("RESEARCH"), "legalBasis", "Thử nghiệm", "dailyQuota", 100)).status()).isEqualTo(201);
        Api.Response client = admin.post("/api/v1/admin/members/stats-research/clients", Map.of());
        assertThat(client.status()).as(client.body().toString()).isEqualTo(201);
        Api business = token(client.text("clientId"), client.text("secret"));
        Api.Response exact = business.get("/api/v1/statistics/tables/marital?release=OFFICIAL&purpose=RESEARCH");
        assertThat(exact.status()).isEqualTo(403);
        assertThat(exact.code()).isEqualTo("RELEASE_NOT_ALLOWED");
        Api.Response noisy = business.get("/api/v1/statistics/tables/marital?purpose=RESEARCH");
        assertThat(noisy.status()).as(noisy.body().toString()).isEqualTo(200);
        assertThat(noisy.body().path("table").path("release").asString()).isEqualTo("RESEARCH");
        // the product returns no person's data: a person query cannot name it
        Api.Response query = business.post("/api/v1/exchange/persons/query", Api.map("personalId", "001075503799",
                "products", List.of("statistics"), "purpose", "RESEARCH"));
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.fieldErrors()).contains("products:UNKNOWN_PRODUCT");
    }

    @Test
    void parallelResearchQueriesCannotSpendMoreThanTheBudget() throws Exception {
        long member = memberId("demo-statistics");
        Api api = member("demo-statistics");
        double spent = api.get("/api/v1/statistics/budget").body().path("spent").asDouble();
        jdbc.sql("insert into statistics.privacy_budget (member_id, monthly_epsilon) values (?, ?) on conflict (member_id) do update "
                + "set monthly_epsilon = excluded.monthly_epsilon").params(member, new java.math.BigDecimal(spent + 2.5)).update();
        try {
            List<String> tables = List.of("residence", "household-size", "births", "deaths", "sex-age", "moves");
            List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(tables.size())) {
                for (String table : tables) {
                    answers.add(pool.submit(() -> api.get("/api/v1/statistics/tables/" + table + "?release=RESEARCH&purpose=RESEARCH")));
                }
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).as("two tables of ε = 1 fit in 2.5").containsOnly(200, 429).filteredOn(s -> s == 200).hasSize(2);
            assertThat(api.get("/api/v1/statistics/budget").body().path("remaining").asDouble()).isEqualTo(0.5);
        } finally {
            jdbc.sql("delete from statistics.privacy_budget where member_id = ?").param(member).update();
        }
    }

    private static void assertInvalid(Api.Response response, String fieldError) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.fieldErrors()).contains(fieldError);
    }

    private long memberId(String code) {
        return jdbc.sql("select id from exchange.member where code = ?").param(code).query(Long.class).single();
    }

    private long usage(long member) {
        return jdbc.sql("select count(*) from exchange.usage where member_id = ?").param(member).query(Long.class).single();
    }

    private Api member(String code) throws Exception {
        return token(code, "dancu-demo");
    }

    private Api token(String code, String secret) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((code + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.bearer(port, Api.JSON.readTree(response.body()).path("access_token").asString());
    }
}
