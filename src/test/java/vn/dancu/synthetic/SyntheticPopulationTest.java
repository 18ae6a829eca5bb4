package vn.dancu.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dancu.platform.Csv;
import vn.dancu.registry.Gender;
import vn.dancu.registry.ImportFormat;
import vn.dancu.registry.PersonalIdNumber;

class SyntheticPopulationTest {

    static String generate(long count, long seed) throws IOException {
        StringWriter out = new StringWriter();
        new SyntheticPopulation(seed, SyntheticPopulation.DEFAULT_REFERENCE).write(count, out);
        return out.toString();
    }

    static List<List<String>> rows(String csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Csv reader = new Csv(new StringReader(csv))) {
            reader.next();
            for (Csv.Row row; (row = reader.next()) != null; ) {
                rows.add(((Csv.Record) row).fields());
            }
        }
        return rows;
    }

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnotherOne() throws IOException {
        assertThat(generate(2_000, 42)).isEqualTo(generate(2_000, 42)).isNotEqualTo(generate(2_000, 43));
    }

    @Test
    void theFileHasTheHeaderAndExactlyTheCountAsked() throws IOException {
        String csv = generate(1_234, 1);
        assertThat(csv.lines().findFirst()).contains(ImportFormat.header());
        assertThat(rows(csv)).hasSize(1_234).allSatisfy(r -> assertThat(r).hasSize(ImportFormat.COLUMNS.size()));
    }

    @Test
    void numbersAreUniqueAndEncodeGenderAndYearOfBirth() throws IOException {
        List<List<String>> rows = rows(generate(20_000, 3));
        assertThat(rows.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(rows.size());
        for (List<String> r : rows) {
            PersonalIdNumber number = new PersonalIdNumber(r.get(0));
            assertThat(number.contradicts(Gender.valueOf(r.get(2)), LocalDate.parse(r.get(3)).getYear())).isEmpty();
        }
        assertThat(rows.stream().map(r -> r.get(10)).filter(s -> !s.isEmpty()).distinct().count())
                .isEqualTo(rows.stream().map(r -> r.get(10)).filter(s -> !s.isEmpty()).count());
    }

    @Test
    void thePopulationLooksLikeVietnams() throws IOException {
        List<List<String>> rows = rows(generate(30_000, 5));
        double nguyen = share(rows, r -> r.get(1).startsWith("Nguyễn "));
        assertThat(nguyen).isBetween(0.33, 0.43);
        java.util.Set<String> hanoiCommunes = java.util.Set.of("00004", "00070", "00082", "00166", "09955");
        double hanoi = share(rows, r -> hanoiCommunes.contains(r.get(15)));
        assertThat(hanoi).as("Hà Nội holds about 8.6%% of the people").isBetween(0.06, 0.12);
        List<List<String>> young = rows.stream().filter(r -> LocalDate.parse(r.get(3)).getYear() >= 2016).toList();
        double boys = share(young, r -> r.get(2).equals("MALE"));
        assertThat(boys).as("112 boys per 100 girls at birth").isBetween(0.50, 0.56);
        assertThat(share(rows, r -> r.get(6).compareTo("2025-07-01") < 0 && r.get(0).startsWith("030")))
                .as("births registered in Hải Dương before the merger keep code 030").isGreaterThan(0);
        assertThat(share(rows, r -> !r.get(10).isEmpty())).as("old 9-digit numbers").isBetween(0.2, 0.45);
        assertThat(share(rows, r -> !r.get(22).isEmpty())).as("deceased").isBetween(0.002, 0.03);
        assertThat(share(rows, r -> !r.get(18).isEmpty())).as("temporary residence").isBetween(0.01, 0.08);
        assertThat(share(rows, r -> r.get(14).equals("HEAD"))).as("one head per 3 to 4 persons").isBetween(0.25, 0.36);
    }

    /**
     * What the registry would show must not contradict itself: one head per household, at most
     * one spouse, of the other gender and of marriageable age (the importer marries a SPOUSE row
     * to its head), children a generation younger than their parents and the head, a head's
     * parent a generation older; no dead head or spouse of a couple (the survivor would stay
     * married to the dead); address lines that name no unit (the unit column does), streets
     * in wards and villages in communes.
     */
    @Test
    void householdsAreConsistentInRolesAgesMarriagesAndAddresses() throws IOException {
        List<List<String>> rows = rows(generate(30_000, 7));
        java.util.Map<String, List<String>> byId = new java.util.HashMap<>();
        java.util.Map<String, List<List<String>>> households = new java.util.LinkedHashMap<>();
        for (List<String> r : rows) {
            byId.put(r.get(0), r);
            households.computeIfAbsent(r.get(13), k -> new ArrayList<>()).add(r);
        }
        java.util.Map<String, String> communeNames = new java.util.HashMap<>();
        for (Geography.Province p : new Geography().provinces()) {
            p.communes().forEach(c -> communeNames.put(c.code(), c.name()));
        }
        LocalDate today = SyntheticPopulation.DEFAULT_REFERENCE;
        for (List<List<String>> members : households.values()) {
            List<List<String>> heads = members.stream().filter(r -> r.get(14).equals("HEAD")).toList();
            assertThat(heads).as("one head in %s", members.getFirst().get(13)).hasSize(1);
            List<String> head = heads.getFirst();
            List<List<String>> spouses = members.stream().filter(r -> r.get(14).equals("SPOUSE")).toList();
            assertThat(spouses).as("at most one spouse").hasSizeLessThanOrEqualTo(1);
            for (List<String> spouse : spouses) {
                assertThat(spouse.get(2)).as("spouse of the other gender").isNotEqualTo(head.get(2));
                for (List<String> partner : List.of(head, spouse)) {
                    int minimum = partner.get(2).equals("MALE") ? 20 : 18;
                    assertThat(LocalDate.parse(partner.get(3)).plusYears(minimum)).as("marriageable age").isBeforeOrEqualTo(today);
                    assertThat(partner.get(22)).as("a married partner is alive").isEmpty();
                }
            }
            LocalDate headBorn = LocalDate.parse(head.get(3));
            for (List<String> member : members) {
                LocalDate born = LocalDate.parse(member.get(3));
                if (member.get(14).equals("CHILD")) {
                    assertThat(born).as("a child is a generation younger than the head").isAfterOrEqualTo(headBorn.plusYears(15));
                    for (int parent : new int[] {11, 12}) {
                        if (!member.get(parent).isEmpty()) {
                            List<String> p = byId.get(member.get(parent));
                            assertThat(p).as("the parent is in the file").isNotNull();
                            assertThat(born).as("a child is younger than its parent").isAfterOrEqualTo(LocalDate.parse(p.get(3)).plusYears(15));
                            assertThat(born).as("mothers under 55").isBeforeOrEqualTo(LocalDate.parse(p.get(3)).plusYears(55));
                            assertThat(p.get(13)).as("the parent lives in the household").isEqualTo(member.get(13));
                        }
                    }
                }
                if (member.get(14).equals("PARENT")) {
                    assertThat(headBorn).as("a head's parent is a generation older").isAfterOrEqualTo(born.plusYears(15));
                }
                String commune = communeNames.get(member.get(15));
                assertThat(member.get(16).toLowerCase(java.util.Locale.ROOT))
                        .as("the address line names no unit").doesNotContainPattern("(^|[ ,])(phường|xã|thị trấn|quận|huyện|tỉnh|thành phố) ");
                assertThat(member.get(16).startsWith("Số ")).as("streets in wards, villages elsewhere: %s in %s", member.get(16), commune)
                        .isEqualTo(commune.startsWith("Phường"));
                assertThat(member.get(16)).as("the household's address").isEqualTo(head.get(16));
            }
        }
    }

    private static double share(List<List<String>> rows, java.util.function.Predicate<List<String>> test) {
        return rows.stream().filter(test).count() / (double) rows.size();
    }
}
