package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.identity.Staff;
import vn.dancu.identity.StaffRole;
import vn.dancu.platform.ApiProblem;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The monthly reports: what they contain in PDF and CSV, who lists and downloads them, and the
 * national feed. The figures of a past month (March 2024, which no other test touches) are put
 * into statistics.figure as test data, known to the unit, and taken out after; one test takes the
 * current month's figures through the real path (an application lodged, the worker's fold).
 */
class ReportsTest extends IntegrationTest {

    static final String MONTH = "2024-03";

    @Autowired
    Reports reports;
    @Autowired
    Units units;
    @Autowired
    JdbcClient jdbc;

    long hanoi;
    long hcm;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void figures() {
        hanoi = units.find(AdministrativeUnit.PROVINCE, "01", units.today()).orElseThrow().id();
        hcm = units.find(AdministrativeUnit.PROVINCE, "79", units.today()).orElseThrow().id();
        for (long unit : List.of(hanoi, Statistics.NATION)) {
            long scale = unit == Statistics.NATION ? 10 : 1;
            figure("procedures_received", unit, "birth-registration", MONTH, "ONLINE", 1234 * scale);
            figure("procedures_received", unit, "birth-registration", MONTH, "COUNTER", 766 * scale);
            figure("procedures_received", unit, "permanent-residence", MONTH, "ONLINE", 300 * scale);
            figure("procedures_completed", unit, "birth-registration", MONTH, "ON_TIME", 1800 * scale);
            figure("procedures_completed", unit, "birth-registration", MONTH, "LATE", 200 * scale);
            figure("form_fields", unit, "birth-registration", MONTH, "PREFILLED", 3000 * scale);
            figure("form_fields", unit, "birth-registration", MONTH, "TYPED", 1000 * scale);
        }
        figure("logins", Statistics.NATION, MONTH + "-05", "demo-portal", "2", 4321);
        figure("logins", Statistics.NATION, MONTH + "-06", "", "2", 79);
    }

    @AfterEach
    void removeFigures() {
        // Exactly the rows put in: other facts keyed by this month (moves) belong to other tests.
        jdbc.sql("""
                        delete from statistics.figure where (fact in ('procedures_received', 'procedures_completed', 'form_fields') and k2 = ?)
                            or (fact = 'logins' and k1 in (?, ?))""").params(MONTH, MONTH + "-05", MONTH + "-06").update();
    }

    @Test
    void aProvinceReportIsAPdfWithItsNameAndFiguresAndACsvOfItsIndicators() throws IOException {
        long id = reports.makeOnDemand(MONTH, String.valueOf(hanoi), staff("admin", StaffRole.ADMIN, null));
        Reports.Download pdf = reports.download(String.valueOf(id), "pdf", staff("admin", StaffRole.ADMIN, null));
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.filename()).isEqualTo("bao-cao-de-an-06-2024-03-tinh-01.pdf");
        try (PDDocument document = Loader.loadPDF(pdf.content())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06 · THÁNG 03/2024").contains("Thành phố Hà Nội")
                    .contains("Hồ sơ tiếp nhận trong tháng").contains("2.300").contains("Trong đó nộp trực tuyến").contains("1.534")
                    .contains("66,7").contains("Tỷ lệ giải quyết đúng hạn (%)").contains("90,0").contains("75,0")
                    .contains("Đăng ký khai sinh").as("the chart's bars name the procedures");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Báo cáo tháng 03/2024 · Thành phố Hà Nội");
        }

        Reports.Download csv = reports.download(String.valueOf(id), "csv", staff("admin", StaffRole.ADMIN, null));
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(Arrays.copyOf(csv.content(), 3)).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        List<String> lines = new String(csv.content(), StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("month,unit_code,unit_name,section,indicator,label_vi,label_en,value");
        assertThat(lines).contains(
                "2024-03,\"01\",\"Thành phố Hà Nội\",PROCEDURES,procedures_received,\"Hồ sơ tiếp nhận trong tháng\",\"Applications received in the month\",2300",
                "2024-03,\"01\",\"Thành phố Hà Nội\",PROCEDURES,procedures_online_share,\"Tỷ lệ nộp trực tuyến (%)\",\"Online share (%)\",66.7",
                "2024-03,\"01\",\"Thành phố Hà Nội\",PROCEDURES,procedures_late,\"Trong đó quá hạn\",\"Of which late\",200",
                "2024-03,\"01\",\"Thành phố Hà Nội\",PROCEDURES,form_fields_prefilled_share,\"Tỷ lệ trường thông tin lấy từ CSDLQGDC (%)\",\"Share of form fields filled by the registry (%)\",75.0");
        assertThat(lines).allMatch(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1).length == 8);
        assertThat(lines).noneMatch(l -> l.contains("logins_level")).as("logins are kept for the nation only");
    }

    @Test
    void anApplicationLodgedTodayIsInTheCurrentMonthsReportOnceFolded() throws Exception {
        YearMonth month = reports.currentMonth();
        Staff admin = staff("admin", StaffRole.ADMIN, null);
        String before = line(reports.makeOnDemand(month.toString(), String.valueOf(hanoi), admin), "procedures_received");
        String mother = api("officer.central").post("/api/v1/registry/births", Api.map("fullName", "Lương Thị Báo", "gender", "FEMALE",
                "dateOfBirth", "1993-03-03", "placeOfBirth", "Hà Nội", "birthRegistrationUnit", "00166", "nationality", "VN",
                "ethnicity", "Kinh")).text("personalId");
        assertThat(api("officer.central").post("/api/v1/registry/persons/" + mother + "/residences", Api.map("type", "PERMANENT",
                "unit", "00166", "addressLine", "Số 9 ngõ Báo Cáo", "from", "2025-08-01")).status()).isLessThan(300);
        Api.Response lodged = api("tuphap.caugiay").post("/api/v1/applications", Api.map("appendixNo", 9, "applicantPersonalId", mother,
                "form", Api.map("child.fullName", "Lương Bé Số", "child.gender", "MALE", "child.dateOfBirth",
                        java.time.LocalDate.now(Reports.VIETNAM).minusDays(2).toString(), "child.placeOfBirth", "Bệnh viện Phụ sản Hà Nội",
                        "child.ethnicity", "Kinh"),
                "attachments", List.of(Api.map("kind", "BIRTH_CERTIFICATE", "filename", "gcs.pdf", "contentType", "application/pdf",
                        "content", Base64.getEncoder().encodeToString("%PDF-1.4\n%x\n".getBytes(StandardCharsets.UTF_8))))));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        for (int i = 0; i < 100 && jdbc.sql("select exists (select 1 from statistics.journal)").query(Boolean.class).single(); i++) {
            Thread.sleep(50);
        }
        String after = line(reports.makeOnDemand(month.toString(), String.valueOf(hanoi), admin), "procedures_received");
        assertThat(Long.parseLong(after)).isEqualTo(Long.parseLong(before) + 1);
    }

    /** The value of one indicator in a report's CSV. */
    private String line(long reportId, String indicator) {
        String csv = new String(reports.download(String.valueOf(reportId), "csv", staff("admin", StaffRole.ADMIN, null)).content(),
                StandardCharsets.UTF_8);
        return csv.lines().filter(l -> l.contains("," + indicator + ",")).findFirst().orElseThrow()
                .replaceAll(".*,", "");
    }

    @Test
    void theNationsReportHasEveryProvinceAndTheNationalCounts() throws IOException {
        long id = reports.makeOnDemand(MONTH, "0", staff("officer.central", StaffRole.CENTRAL_OFFICER, null));
        Staff central = staff("officer.central", StaffRole.CENTRAL_OFFICER, null);
        String csv = new String(reports.download(String.valueOf(id), "csv", central).content(), StandardCharsets.UTF_8);
        assertThat(csv).contains("2024-03,\"\",\"Toàn quốc\",PROCEDURES,procedures_received,\"Hồ sơ tiếp nhận trong tháng\","
                + "\"Applications received in the month\",23000")
                .contains("2024-03,\"\",\"Toàn quốc\",EID,logins_level_2,\"Lượt đăng nhập mức 2 trong tháng\",\"Logins at level 2 in the month\",4400")
                .contains("\"79\",\"Thành phố Hồ Chí Minh\",POPULATION,population");
        assertThat(csv.lines().filter(l -> l.contains(",POPULATION,population,")).count()).isEqualTo(35);
        try (PDDocument document = Loader.loadPDF(reports.download(String.valueOf(id), "pdf", central).content())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Toàn quốc").contains("23.000").contains("4.400").contains("Theo tỉnh, thành phố")
                    .contains("Thành phố Hồ Chí Minh").contains("Tài khoản định danh điện tử trên 100 người từ đủ 18 tuổi, theo tỉnh");
        }
    }

    @Test
    void theNightlyStepMakesTheMonthsReportsOnce() {
        YearMonth month = YearMonth.of(2023, 7);
        long before = jdbc.sql("select count(*) from statistics.report where month = ?").param(month.toString()).query(Long.class).single();
        assertThat(before).isZero();
        assertThat(reports.makeMissing(month)).isEqualTo(35);
        assertThat(reports.makeMissing(month)).isZero();
        assertThat(jdbc.sql("select count(*) from statistics.report where month = ? and trigger = 'SCHEDULED' and requested_by = 'system'")
                .param(month.toString()).query(Long.class).single()).isEqualTo(35);
    }

    @Test
    void aRequestOutsideTheJurisdictionOrTheCalendarIsRefusedField() {
        Staff hanoiOfficer = staff("officer.hanoi", StaffRole.PROVINCE_OFFICER, hanoi);
        assertThatThrownBy(() -> reports.makeOnDemand(MONTH, String.valueOf(hcm), hanoiOfficer))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("REPORT_OUTSIDE_JURISDICTION"));
        assertThatThrownBy(() -> reports.makeOnDemand("2099-01", "0", hanoiOfficer))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.errors().getFirst().code()).isEqualTo("OUT_OF_RANGE"));
        assertThatThrownBy(() -> reports.makeOnDemand("2021-12", "0", hanoiOfficer))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.errors().getFirst().code()).isEqualTo("OUT_OF_RANGE"));
        assertThatThrownBy(() -> reports.makeOnDemand("03/2024", "0", hanoiOfficer))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.errors().getFirst().code()).isEqualTo("INVALID_FORMAT"));
        assertThatThrownBy(() -> reports.makeOnDemand(MONTH, "12345678", hanoiOfficer))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.errors().getFirst().code()).isEqualTo("INVALID_UNIT"));
        assertThatThrownBy(() -> reports.makeOnDemand(MONTH, "ha-noi", hanoiOfficer))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.errors().getFirst().code()).isEqualTo("INVALID_UNIT"));
    }

    @Test
    void reportsAreListedAndDownloadedWithinTheReadersJurisdictionOnly() throws Exception {
        Api hanoiOfficer = api("officer.hanoi");
        HttpResponse<String> made = send("officer.hanoi", "POST", "/ioc/reports", "month=" + MONTH + "&unit=" + hanoi);
        assertThat(made.statusCode()).isEqualTo(302);
        assertThat(made.headers().firstValue("Location").orElseThrow()).endsWith("/ioc/reports?made");
        long hanoiReport = latest(hanoi);
        HttpResponse<String> refused = send("officer.hanoi", "POST", "/ioc/reports", "month=" + MONTH + "&unit=" + hcm);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Tỉnh, thành phố này nằm ngoài địa bàn bạn quản lý.");
        assertThat(send("officer.hanoi", "POST", "/ioc/reports", "month=2099-01&unit=0").statusCode()).isEqualTo(400);
        assertThat(send("officer.hcm", "POST", "/ioc/reports", "month=" + MONTH + "&unit=" + hcm).statusCode()).isEqualTo(302);
        long hcmReport = latest(hcm);

        String page = send("officer.hanoi", "GET", "/ioc/reports", null).body();
        assertThat(page).contains("Báo cáo tháng Đề án 06").contains("/ioc/reports/" + hanoiReport + "/pdf")
                .doesNotContain("/ioc/reports/" + hcmReport + "/pdf").contains("03/2024");
        assertThat(send("officer.central", "GET", "/ioc/reports", null).body()).contains("/ioc/reports/" + hcmReport + "/pdf")
                .contains("/ioc/reports/" + hanoiReport + "/csv");
        assertThat(send("admin", "GET", "/ioc/reports", null).statusCode()).isEqualTo(200);
        assertThat(send("auditor", "GET", "/ioc/reports", null).statusCode()).isEqualTo(403);
        assertThat(send("congan.caugiay", "GET", "/ioc/reports", null).statusCode()).isEqualTo(403);
        assertThat(send("tuphap.caugiay", "GET", "/ioc/reports/" + hanoiReport + "/pdf", null).statusCode()).isEqualTo(403);
        assertThat(send(null, "GET", "/ioc/reports/" + hanoiReport + "/pdf", null).statusCode()).isIn(302, 401);

        byte[] pdf = hanoiOfficer.bytes("/ioc/reports/" + hanoiReport + "/pdf");
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        HttpResponse<String> csv = send("officer.hanoi", "GET", "/ioc/reports/" + hanoiReport + "/csv", null);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("bao-cao-de-an-06-2024-03-tinh-01.csv");

        for (String path : List.of("/ioc/reports/" + hcmReport + "/pdf", "/ioc/reports/99999999/pdf", "/ioc/reports/abc/csv",
                "/ioc/reports/" + hanoiReport + "/docx", "/ioc/reports/" + "9".repeat(30) + "/pdf")) {
            Api.Response unknown = hanoiOfficer.get(path);
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(unknown.contentType()).as(path).startsWith("application/problem+json");
            assertThat(unknown.code()).as(path).isEqualTo("REPORT_NOT_FOUND");
        }
    }

    @Test
    void theFeedGivesTheNationalIndicatorsOfAMonth() {
        Api.Response feed = anonymous().get("/api/v1/statistics/feed?month=" + MONTH);
        assertThat(feed.status()).isEqualTo(200);
        JsonNode body = feed.body();
        assertThat(body.path("source").asString()).isEqualTo("dancu");
        assertThat(body.path("unit").asString()).isEqualTo("VN");
        assertThat(body.path("month").asString()).isEqualTo(MONTH);
        assertThat(body.path("monthComplete").asBoolean()).isTrue();
        assertThat(body.path("generatedAt").asString()).isNotEmpty();
        assertThat(body.path("indicators").size()).isEqualTo(MonthlyReport.Indicator.values().length);
        JsonNode received = indicator(body, "procedures_received");
        assertThat(received.path("value").asLong()).isEqualTo(23000);
        assertThat(received.path("kind").asString()).isEqualTo("COUNT");
        assertThat(received.path("section").asString()).isEqualTo("PROCEDURES");
        assertThat(received.path("labelVi").asString()).isEqualTo("Hồ sơ tiếp nhận trong tháng");
        assertThat(indicator(body, "procedures_on_time_share").path("value").asDouble()).isEqualTo(90.0);
        assertThat(indicator(body, "procedures_on_time_share").path("kind").asString()).isEqualTo("PERCENT");
        assertThat(indicator(body, "logins_level_2").path("value").asLong()).isEqualTo(4400);

        Api.Response current = anonymous().get("/api/v1/statistics/feed");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.body().path("monthComplete").asBoolean()).isFalse();

        for (String bad : List.of("2024-13", "garbage", "2021-12", "2099-01", "")) {
            Api.Response refused = anonymous().get("/api/v1/statistics/feed?month=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.fieldErrors()).as(bad).hasSize(1).allMatch(e -> e.startsWith("month:"));
        }
    }

    // --- fixtures

    private void figure(String fact, long unit, String k1, String k2, String k3, long value) {
        jdbc.sql("""
                        insert into statistics.figure (fact, unit_id, k1, k2, k3, value) values (?, ?, ?, ?, ?, ?)
                        on conflict (fact, unit_id, k1, k2, k3) do update set value = excluded.value""")
                .params(fact, unit, k1, k2, k3, value).update();
    }

    private static Staff staff(String username, StaffRole role, Long jurisdiction) {
        return new Staff(0, username, username, role, jurisdiction);
    }

    private long latest(long unit) {
        return jdbc.sql("select max(id) from statistics.report where unit_id = ?").param(unit).query(Long.class).single();
    }

    private static JsonNode indicator(JsonNode feed, String key) {
        for (JsonNode i : feed.path("indicators")) {
            if (i.path("key").asString().equals(key)) {
                return i;
            }
        }
        throw new AssertionError("no indicator " + key);
    }

    /** A staff member's request with HTTP Basic (demo mode), or an anonymous one; the body as a form. */
    private HttpResponse<String> send(String username, String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Language", "vi");
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":dancu-demo").getBytes(StandardCharsets.UTF_8)));
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
