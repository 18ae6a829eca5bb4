package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.IntegrationTest;
import vn.dancu.MovableClock;
import vn.dancu.identity.Staff;
import vn.dancu.identity.StaffRole;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.BirthRegistration;
import vn.dancu.registry.CardIssue;
import vn.dancu.registry.DeathRecord;
import vn.dancu.registry.HouseholdCreation;
import vn.dancu.registry.HouseholdMembership;
import vn.dancu.registry.MarriageRecord;
import vn.dancu.registry.MissingRecord;
import vn.dancu.registry.PersonImport;
import vn.dancu.registry.Registry;
import vn.dancu.registry.ResidenceRegistration;
import vn.dancu.registry.ResidenceRemoval;
import vn.dancu.synthetic.SyntheticPopulation;
import vn.dancu.units.Units;

/**
 * The figures kept from the registry's events equal the figures counted again from the source
 * tables, row for row, after births, deaths, moves, marriages, cards, households, imports, a merger
 * of units and the nightly steps across a new year; and a write that rolls back moves nothing.
 */
class StatisticsTest extends IntegrationTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * A platform and a database of its own: the test imports provinces and communes, and merges
     * them, and the other tests count on the 34 provinces in force and on codes that name nothing.
     */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws java.io.IOException {
        Path dataDir = Files.createTempDirectory("dancu-statistics-test-");
        registry.add("dancu.test.data-dir", dataDir::toString);
    }

    @Autowired
    Registry registry;
    @Autowired
    PersonImport imports;
    @Autowired
    Units units;
    @Autowired
    Tally tally;
    @Autowired
    Calendar calendar;
    @Autowired
    Rebuild rebuild;
    @Autowired
    Statistics statistics;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MovableClock clock;

    @BeforeEach
    void asACentralOfficerOnceTheFiguresAreBuilt() throws InterruptedException {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new Staff(0, "statistics.test", "Kiểm thử thống kê", StaffRole.CENTRAL_OFFICER, null), null, List.of()));
        for (int i = 0; i < 600 && statistics.freshness().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(statistics.freshness()).as("the figures are built at the first start").isPresent();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void incrementalFiguresEqualARebuildAfterAMixedHistoryAndAMergerOfUnits() throws Exception {
        LocalDate today = units.today();
        importUnits("""
                code,level,name,type,parent_code,valid_from,valid_to,id_issuing_code
                98,PROVINCE,Tỉnh Thử Nghiệm Một,Tỉnh,,2000-01-01,,098
                99,PROVINCE,Tỉnh Thử Nghiệm Hai,Tỉnh,,2000-01-01,,099
                98001,COMMUNE,Xã Một A,Xã,98,2000-01-01,,
                98002,COMMUNE,Xã Một B,Xã,98,2000-01-01,,
                99001,COMMUNE,Xã Hai A,Xã,99,2000-01-01,,
                """, null);
        String an = birth("Thử Văn An", "MALE", "1990-05-01", "98001");
        String binh = birth("Thử Thị Bình", "FEMALE", "1992-03-03", "98001");
        String chi = birth("Thử Thị Chi", "FEMALE", "2012-02-29", "98002");
        String dung = birth("Thử Thị Dung", "FEMALE", "1950-01-01", "99001");
        residence(an, "PERMANENT", "98001", "2010-01-01", null);
        residence(an, "PERMANENT", "99001", "2024-03-01", null); // between provinces, until they merge
        residence(binh, "PERMANENT", "98002", "2015-01-01", null);
        residence(binh, "PERMANENT", "00166", "2025-01-01", null); // to Hà Nội: stays a move between provinces
        residence(chi, "TEMPORARY", "99001", today.minusMonths(1).toString(), null);
        residence(dung, "STAY_NOTIFICATION", "98001", today.plusDays(3).toString(), today.plusDays(10).toString());
        registry.registerMarriage(an, new MarriageRecord(binh, "99001", "2025-06-01", null));
        registry.issueCard(an, new CardIssue("2024-05-01", "Cục Cảnh sát QLHC về TTXH", null));
        long household = registry.createHousehold(new HouseholdCreation(an, "99001", "Số 1 đường Thử", null));
        registry.addHouseholdMember(household, new HouseholdMembership(binh, "SPOUSE", null));
        registry.addHouseholdMember(household, new HouseholdMembership(dung, "PARENT", null));
        registry.recordDeath(dung, new DeathRecord(today.minusDays(2).toString(), "Tại nhà", "Trích lục khai tử số 1", null));
        registry.removeResidence(chi, new ResidenceRemoval("TEMPORARY", today.toString(), null));
        registry.recordMissing(binh, new MissingRecord(today.minusDays(1).toString(), "Quyết định số 2", null));
        importPersons(300, 1406);

        assertIncrementalEqualsRebuild();
        tally.foldNow();
        long province98 = units.find("PROVINCE", "98", today).orElseThrow().id();
        assertThat(statistics.figures("moves", Statistics.NATION)).anyMatch(f -> f.k1().equals(String.valueOf(province98)));

        // A 2025-style merger: both test provinces and their communes cease yesterday, one of each takes over.
        String yesterday = today.minusDays(1).toString();
        importUnits("""
                code,level,name,type,parent_code,valid_from,valid_to,id_issuing_code
                98,PROVINCE,Tỉnh Thử Nghiệm Một,Tỉnh,,2000-01-01,%1$s,098
                99,PROVINCE,Tỉnh Thử Nghiệm Hai,Tỉnh,,2000-01-01,%1$s,099
                98001,COMMUNE,Xã Một A,Xã,98,2000-01-01,%1$s,
                98002,COMMUNE,Xã Một B,Xã,98,2000-01-01,%1$s,
                99001,COMMUNE,Xã Hai A,Xã,99,2000-01-01,%1$s,
                97,PROVINCE,Tỉnh Thử Nghiệm Hợp Nhất,Tỉnh,,%2$s,,097
                97001,COMMUNE,Xã Hợp Nhất,Xã,97,%2$s,,
                """.formatted(yesterday, today), """
                level,old_code,new_code,effective_date
                PROVINCE,98,97,%1$s
                PROVINCE,99,97,%1$s
                COMMUNE,98001,97001,%1$s
                COMMUNE,98002,97001,%1$s
                COMMUNE,99001,97001,%1$s
                """.formatted(today));
        tally.foldNow();
        long merged = units.find("COMMUNE", "97001", today).orElseThrow().id();
        long province97 = units.find("PROVINCE", "97", today).orElseThrow().id();
        assertThat(statistics.figures("population", merged)).isNotEmpty();
        assertThat(statistics.figures("moves", Statistics.NATION)).noneMatch(f -> f.k1().equals(String.valueOf(province98)))
                .anyMatch(f -> f.k1().equals(String.valueOf(province97)));
        assertThat(statistics.figures("moves", province97)).as("a move inside the merged province is no move").isEmpty();
        // Figures moved onto the successors equal figures counted anew by today's units.
        assertIncrementalEqualsRebuild();
        // And the registry's writes after the merger are counted under the new units.
        birth("Thử Văn Sau", "MALE", today.toString(), "97001");
        assertIncrementalEqualsRebuild();
    }

    @Test
    void aRegistryWriteThatRollsBackLeavesNoJournalRowAndNoFigureChange() {
        tally.foldNow();
        Map<String, Long> before = figures();
        long journalled = transactions.execute(status -> {
            birth("Thử Văn Hoàn", "MALE", "2001-01-01", "00166");
            long rows = jdbc.sql("select count(*) from statistics.journal").query(Long.class).single();
            status.setRollbackOnly();
            return rows;
        });
        assertThat(journalled).as("the write journalled its figures in its own transaction").isPositive();
        tally.foldNow();
        assertThat(jdbc.sql("select count(*) from statistics.journal").query(Long.class).single()).isZero();
        assertThat(figures()).isEqualTo(before);
        // A refused write journals nothing either.
        assertThatThrownBy(() -> birth("Thử Văn Sai", "MALE", "2999-01-01", "00166")).isInstanceOf(ApiProblem.class);
        assertThat(jdbc.sql("select count(*) from statistics.journal").query(Long.class).single()).isZero();
    }

    @Test
    void theNightlyStepsAcrossANewYearMoveAgesAndCardsExactlyAsARecountWould() throws Exception {
        importUnits("""
                code,level,name,type,parent_code,valid_from,valid_to,id_issuing_code
                90,PROVINCE,Tỉnh Thử Lịch,Tỉnh,,2000-01-01,,090
                90001,COMMUNE,Xã Thử Lịch,Xã,90,2000-01-01,,
                """, null);
        LocalDate today = units.today();
        long commune = units.find("COMMUNE", "90001", today).orElseThrow().id();
        String adult = birth("Thử Văn Mười Tám", "MALE", "2008-12-31", "90001"); // 18 on 31 December
        birth("Thử Thị Mười Bốn", "FEMALE", "2013-01-01", "90001");            // 14 on 1 January
        birth("Thử Thị Trăm Tuổi", "FEMALE", "1927-01-01", "90001");           // 100 on 1 January
        birth("Thử Văn Năm Tuổi", "MALE", "2022-01-01", "90001");              // 5 on 1 January
        String holder = birth("Thử Văn Thẻ", "MALE", "2001-12-31", "90001");
        registry.issueCard(holder, new CardIssue("2020-01-01", "Cục Cảnh sát QLHC về TTXH", null)); // valid to 2026-12-31
        residence(holder, "TEMPORARY", "90001", "2026-01-01", "2026-12-31");
        tally.foldNow();
        assertThat(total("adults", commune)).isEqualTo(2);
        assertThat(quality(commune, "card_due")).isEqualTo(3);
        assertThat(quality(commune, "with_valid_card")).isEqualTo(1);
        assertThat(total("residence", commune)).isEqualTo(1);
        assertThat(statistics.figures("population", commune)).extracting(Statistics.Figure::k2)
                .containsExactlyInAnyOrder("00-04", "10-14", "15-19", "20-24", "95-99");
        try {
            clock.moveTo(ZonedDateTime.of(2027, 1, 2, 0, 10, 0, 0, VIETNAM).toInstant());
            calendar.catchUp();
            assertThat(statistics.freshness().orElseThrow().asOf()).isEqualTo(LocalDate.of(2027, 1, 2));
            tally.foldNow();
            assertThat(total("adults", commune)).isEqualTo(3);
            assertThat(quality(commune, "card_due")).isEqualTo(4);
            assertThat(quality(commune, "with_valid_card")).as("the card expired on 31 December").isZero();
            assertThat(total("residence", commune)).as("the temporary residence ended on 31 December").isZero();
            assertThat(statistics.figures("population", commune)).extracting(Statistics.Figure::k2)
                    .containsExactlyInAnyOrder("05-09", "10-14", "15-19", "25-29", "100+");
            assertThat(statistics.daily("adults", commune, LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 1)))
                    .extracting(Statistics.DailyFigure::value).containsExactly(2L, 3L, 3L);
            assertThat(registry.demographics(adult).orElseThrow().dateOfBirth()).isEqualTo(LocalDate.of(2008, 12, 31));
            assertIncrementalEqualsRebuild();
        } finally {
            clock.reset();
            jdbc.sql("update statistics.state set as_of = ?").param(LocalDate.now(clock)).update();
            jdbc.sql("delete from statistics.daily where day >= ?").param(LocalDate.now(clock)).update();
            rebuild.run();
        }
    }

    @Test
    void writesDuringRebuildsAndConcurrentFoldsAreCountedExactlyOnce() throws Exception {
        var others = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var rebuilds = others.submit(() -> {
                for (int i = 0; i < 4; i++) {
                    rebuild.run();
                }
                return null;
            });
            var folds = others.submit(() -> {
                while (!rebuilds.isDone()) {
                    tally.foldNow();
                }
                return null;
            });
            int born = 0;
            while (!rebuilds.isDone() || born < 10) {
                birth("Thử Văn Đồng Thời " + (char) ('A' + born % 26), born % 2 == 0 ? "MALE" : "FEMALE", "2000-01-0" + (1 + born % 9), "00166");
                born++;
            }
            rebuilds.get();
            folds.get();
        } finally {
            others.shutdown();
        }
        assertIncrementalEqualsRebuild();
    }

    @Test
    void concurrentBirthsIntoOneHouseholdCountItAtItsFinalSize() throws Exception {
        String head = birth("Thử Văn Chủ Hộ", "MALE", "1980-01-01", "00166");
        long household = registry.createHousehold(new HouseholdCreation(head, "00166", "Số 9 đường Thử", null));
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        var officers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                done.add(officers.submit(() -> {
                    SecurityContextHolder.getContext().setAuthentication(authentication);
                    for (int i = 0; i < 6; i++) {
                        registry.registerBirth(new BirthRegistration("Thử Con " + "ABCDEF".charAt(i) + " " + "XY".charAt(thread), "FEMALE", "2020-0" + (1 + i) + "-0" + (1 + thread),
                                "Trạm y tế", "00166", "VN", "Kinh", null, null, null, String.valueOf(household), null, null, null, null));
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
        } finally {
            officers.shutdown();
        }
        tally.foldNow();
        long caugiay = units.find("COMMUNE", "00166", units.today()).orElseThrow().id();
        assertThat(statistics.figures("households", caugiay)).anyMatch(f -> f.k1().equals("10+"));
        assertIncrementalEqualsRebuild();
    }

    // --- helpers

    private void assertIncrementalEqualsRebuild() {
        tally.foldNow();
        Map<String, Long> incremental = figures();
        rebuild.run();
        tally.foldNow();
        Map<String, Long> rebuilt = figures();
        // Only the figures that differ, as "kept -> rebuilt": the whole table would drown them.
        Map<String, String> differences = new TreeMap<>();
        incremental.forEach((key, value) -> {
            if (!value.equals(rebuilt.get(key))) {
                differences.put(key, value + " -> " + rebuilt.get(key));
            }
        });
        rebuilt.forEach((key, value) -> {
            if (!incremental.containsKey(key)) {
                differences.put(key, "null -> " + value);
            }
        });
        assertThat(differences).as("figures kept incrementally that a rebuild counts otherwise").isEmpty();
        assertThat(rebuilt).isNotEmpty();
    }

    private Map<String, Long> figures() {
        Map<String, Long> figures = new TreeMap<>();
        jdbc.sql("select fact, unit_id, k1, k2, k3, value from statistics.figure").query((rs, n) -> figures.put(
                rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5),
                rs.getLong(6))).list();
        return figures;
    }

    private long total(String fact, long unit) {
        return statistics.figures(fact, unit).stream().mapToLong(Statistics.Figure::value).sum();
    }

    private long quality(long unit, String measure) {
        return statistics.figures("quality", unit).stream().filter(f -> f.k1().equals(measure)).mapToLong(Statistics.Figure::value).sum();
    }

    private String birth(String name, String gender, String dateOfBirth, String unit) {
        return registry.registerBirth(new BirthRegistration(name, gender, dateOfBirth, "Trạm y tế", unit, "VN", "Kinh",
                null, null, null, null, null, null, null, null));
    }

    private void residence(String personalId, String type, String unit, String from, String to) {
        registry.registerResidence(personalId, new ResidenceRegistration(type, unit, "Số 1 đường Thử", from, to, null));
    }

    private void importUnits(String unitsCsv, String successionsCsv) throws Exception {
        var result = units.importCsv(new StringReader(unitsCsv), successionsCsv == null ? null : new StringReader(successionsCsv));
        assertThat(result.errors()).isEmpty();
    }

    private void importPersons(long count, long seed) throws Exception {
        StringWriter out = new StringWriter();
        new SyntheticPopulation(seed, SyntheticPopulation.DEFAULT_REFERENCE).write(count, out);
        Path file = Files.createTempFile("statistics-", ".csv");
        try {
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
            assertThat(imports.importNow(file, "statistics.csv", "statistics.test").accepted()).isEqualTo(count);
        } finally {
            Files.delete(file);
        }
    }
}
