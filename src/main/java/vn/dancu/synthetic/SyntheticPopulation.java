package vn.dancu.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.dancu.registry.ImportFormat;

/**
 * A synthetic but realistic population, written as a person file (docs/import-format.md) that
 * the importer accepts without a rejected row. Deterministic: the same count, seed and reference
 * date give the same file. Streaming: memory stays bounded whatever the count (only a counter per
 * personal-ID prefix is kept).
 *
 * <p>What it models: provinces in proportion to their populations, Vietnam's age pyramid, a sex
 * ratio of 112 boys per 100 girls at birth and more women among the old, households of realistic
 * size with heads, spouses, children and grandparents, births registered before the 2025 reform in
 * the old provinces (so with the old issuing codes), people born in one province and living in
 * another, temporary residence of young workers in the big cities, old 9-digit numbers for people
 * who were adults before 2021, and deaths among the old.
 */
public final class SyntheticPopulation {

    /** Share of the population in each 5-year age group, 0-4 up to 85+ (per mille, 2024 estimates). */
    private static final int[] AGE_GROUPS = {70, 79, 80, 70, 68, 75, 84, 82, 76, 69, 62, 55, 49, 39, 26, 15, 10, 11};
    private static final String[] ETHNICITIES = {"Kinh", "Tày", "Thái", "Mường", "HMông", "Khơ-me", "Nùng", "Dao", "Hoa", "Gia-rai", "Ê-đê", "Ba-na"};
    private static final int[] ETHNICITY_WEIGHT = {853, 19, 19, 15, 15, 14, 11, 9, 8, 5, 4, 3};
    private static final String[] RELIGIONS = {null, "Công giáo", "Phật giáo", "Tin lành", "Phật giáo Hòa Hảo", "Cao Đài"};
    private static final int[] RELIGION_WEIGHT = {860, 61, 48, 10, 11, 10};
    private static final String[] STREETS = {"Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt",
            "Quang Trung", "Hùng Vương", "Lê Duẩn", "Nguyễn Huệ", "Phan Chu Trinh", "Điện Biên Phủ", "Võ Thị Sáu"};
    private static final String[] HAMLETS = {"Thôn Đông", "Thôn Tây", "Thôn Trung", "Thôn Thượng", "Thôn Hạ", "Xóm Mới",
            "Ấp 1", "Ấp 2", "Bản Na", "Thôn Phú Lộc"};
    private static final String[] CITIES = {"01", "79", "24", "75", "31", "48"};

    public static final LocalDate DEFAULT_REFERENCE = LocalDate.of(2026, 11, 1);

    private final Geography geography = new Geography();
    private final SplittableRandom random;
    private final LocalDate reference;
    private final Map<String, Integer> serials = new HashMap<>();
    private long households;
    private long legacyNumbers;

    private final String seedTag;
    /** Per seed, so that files of different seeds can be imported into one registry with few collisions. */
    private final long serialMultiplier;
    private final long serialOffset;
    private final long legacyOffset;

    public SyntheticPopulation(long seed, LocalDate reference) {
        this.random = new SplittableRandom(seed);
        this.reference = reference;
        this.seedTag = Long.toString(seed, 36);
        SplittableRandom numbering = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long multiplier = 1 + 2 * numbering.nextLong(499_999);
        this.serialMultiplier = multiplier % 5 == 0 ? multiplier + 2 : multiplier; // coprime with 10^6
        this.serialOffset = numbering.nextLong(1_000_000);
        this.legacyOffset = numbering.nextLong(900_000_000);
    }

    /** Writes {@code count} persons with the header line; returns the number of households. */
    public long write(long count, Writer out) throws IOException {
        out.write(ImportFormat.header());
        out.write('\n');
        long written = 0;
        while (written < count) {
            for (String[] row : household()) {
                if (written == count) {
                    break;
                }
                writeRow(out, row);
                written++;
            }
        }
        out.flush();
        return households;
    }

    // --- households

    private List<String[]> household() {
        households++;
        Geography.Province province = geography.pickProvince(random);
        Geography.Commune commune = province.communes().get(random.nextInt(province.communes().size()));
        String address = commune.name().startsWith("Phường")
                ? "Số " + (1 + random.nextInt(300)) + " đường " + STREETS[random.nextInt(STREETS.length)]
                : HAMLETS[random.nextInt(HAMLETS.length)];
        Household h = new Household("S" + seedTag + "-H" + households, province, commune, address,
                pick(ETHNICITIES, ETHNICITY_WEIGHT), pick(RELIGIONS, RELIGION_WEIGHT));
        List<String[]> rows = new ArrayList<>();
        if (random.nextInt(100) < 12) {
            int age = age(18, 100);
            rows.add(person(h, "HEAD", Names.family(random), random.nextInt(100) < 45, age, null, null, true));
            return rows;
        }
        boolean maleHead = random.nextInt(100) < 75;
        int headAge = age(24, 80);
        String family = Names.family(random);
        String[] head = person(h, "HEAD", family, maleHead, headAge, null, null, false);
        rows.add(head);
        String[] spouse = null;
        int spouseAge = headAge;
        if (random.nextInt(100) < 85) {
            spouseAge = Math.max(18, headAge + (maleHead ? -random.nextInt(7) : random.nextInt(7)));
            spouse = person(h, "SPOUSE", Names.family(random), !maleHead, spouseAge, null, null, false);
            rows.add(spouse);
        }
        String[] father = maleHead ? head : spouse;
        String[] mother = maleHead ? spouse : head;
        int motherAge = maleHead ? spouseAge : headAge;
        int children = pick(new Integer[] {0, 1, 2, 3, 4}, new int[] {12, 28, 40, 15, 5});
        for (int i = 0; i < children; i++) {
            int childAge = motherAge - 20 - random.nextInt(19);
            if (childAge >= 0) {
                boolean boy = random.nextInt(212) < 112;
                rows.add(person(h, "CHILD", father != null ? family : Names.family(random), boy, childAge,
                        father == null ? null : father[0], mother == null ? null : mother[0], false));
            }
        }
        if (random.nextInt(100) < 12 && headAge + 22 < 100) {
            rows.add(person(h, "PARENT", family, random.nextInt(100) < 35, Math.min(100, headAge + 22 + random.nextInt(14)), null, null, true));
        }
        return rows;
    }

    private record Household(String key, Geography.Province province, Geography.Commune commune, String address,
                             String ethnicity, String religion) {
    }

    // --- persons

    /**
     * One person of a household. Only the {@code mortal} may have died: a head living alone or a
     * head's parent. A dead head or spouse of a couple would leave the survivor married to the
     * dead (the file has no column for widowhood) and a household headed by the dead.
     */
    private String[] person(Household h, String relationship, String family, boolean male, int age, String fatherId, String motherId,
                            boolean mortal) {
        LocalDate dob = reference.minusYears(age).minusDays(random.nextInt(365));
        String name = Names.fullName(family, male, dob.getYear(), random);
        LocalDate registered = dob.plusDays(random.nextInt(30));
        if (registered.isAfter(reference)) {
            registered = reference;
        }
        Geography.Province bornIn = random.nextInt(100) < 15 ? geography.pickProvince(random) : h.province();
        String unit;
        String issuing;
        String place;
        if (registered.isBefore(Geography.REFORM)) {
            Geography.OldProvince old = geography.pickOldProvince(bornIn, random);
            Geography.Commune commune = old.communes().get(random.nextInt(old.communes().size()));
            unit = commune.code();
            issuing = old.issuingCode();
            place = random.nextInt(100) < 70 ? "Bệnh viện đa khoa " + short_(old.name()) : "Trạm y tế " + commune.name();
        } else {
            Geography.Commune commune = bornIn.communes().get(random.nextInt(bornIn.communes().size()));
            unit = commune.code();
            issuing = bornIn.issuingCode();
            place = "Bệnh viện đa khoa " + short_(bornIn.name());
        }
        String personalId = personalId(issuing, male, dob.getYear());
        String legacy = dob.getYear() <= 2006 && random.nextInt(100) < 45 ? legacyNumber() : "";
        LocalDate permanentFrom = later(dob.plusDays(1), Geography.REFORM.plusDays(random.nextInt(150)));
        if (permanentFrom.isAfter(reference)) {
            permanentFrom = reference;
        }
        String[] temporary = temporary(age, dob);
        String[] death = mortal ? death(age, permanentFrom, h) : new String[] {"", ""};
        return new String[] {personalId, name, male ? "MALE" : "FEMALE", dob.toString(), place, unit, registered.toString(), "VN",
                h.ethnicity(), h.religion() == null ? "" : h.religion(), legacy, fatherId == null ? "" : fatherId,
                motherId == null ? "" : motherId, h.key(), relationship, h.commune().code(), h.address(), permanentFrom.toString(),
                temporary[0], temporary[1], temporary[2], temporary[3], death[0], death[1]};
    }

    /** Young adults often live in one of the big cities on a temporary registration of up to two years. */
    private String[] temporary(int age, LocalDate dob) {
        if (age < 18 || age > 45 || random.nextInt(100) >= 8) {
            return new String[] {"", "", "", ""};
        }
        String code = CITIES[random.nextInt(CITIES.length)];
        Geography.Province city = geography.provinces().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
        Geography.Commune commune = city.communes().get(random.nextInt(city.communes().size()));
        LocalDate from = later(Geography.REFORM, reference.minusDays(random.nextInt(480)));
        from = later(from, dob.plusYears(18));
        if (from.isAfter(reference)) {
            return new String[] {"", "", "", ""};
        }
        return new String[] {commune.code(), "Phòng trọ số " + (1 + random.nextInt(40)) + " ngõ " + (1 + random.nextInt(200)),
                from.toString(), from.plusYears(2).toString()};
    }

    /**
     * Some of the old have died since their residence was last registered: one in eight of the
     * mortal over 65 (heads living alone and heads' parents), about 0.3% of everyone.
     */
    private String[] death(int age, LocalDate residenceFrom, Household h) {
        if (age < 65 || random.nextInt(100) >= 12 || !residenceFrom.isBefore(reference)) {
            return new String[] {"", ""};
        }
        LocalDate date = residenceFrom.plusDays(1 + random.nextInt((int) (reference.toEpochDay() - residenceFrom.toEpochDay())));
        return new String[] {date.toString(), random.nextBoolean() ? "Tại nhà, " + h.address() : "Bệnh viện đa khoa " + short_(h.province().name())};
    }

    /** A serial unique within its prefix: a permutation of 0..999,999 (fixed per seed) walked by a counter per prefix. */
    private String personalId(String issuing, boolean male, int year) {
        int centuryDigit = (year - 1900) / 100 * 2 + (male ? 0 : 1);
        String prefix = issuing + centuryDigit + String.format("%02d", year % 100);
        int n = serials.merge(prefix, 1, Integer::sum) - 1;
        if (n >= 1_000_000) {
            throw new IllegalStateException("More than a million people in prefix " + prefix);
        }
        long serial = (n * serialMultiplier + Long.parseLong(prefix) * 7_919L + serialOffset) % 1_000_000L;
        return prefix + String.format("%06d", serial);
    }

    /** Old numbers are unique by construction: a permutation of the nine-digit range. */
    private String legacyNumber() {
        long n = legacyNumbers++;
        return Long.toString(100_000_000L + (n * 7_919L + legacyOffset) % 900_000_000L);
    }

    private int age(int min, int max) {
        while (true) {
            int group = pick(AGE_GROUPS);
            int age = group == AGE_GROUPS.length - 1 ? 85 + random.nextInt(16) : group * 5 + random.nextInt(5);
            if (age >= min && age <= max) {
                return age;
            }
        }
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private <T> T pick(T[] values, int[] weights) {
        return values[pick(weights)];
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static String short_(String provinceName) {
        return provinceName.replace("Thành phố ", "").replace("Tỉnh ", "");
    }

    private static void writeRow(Writer out, String[] row) throws IOException {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String v = row[i];
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                out.write('"');
                out.write(v.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(v);
            }
        }
        out.write('\n');
    }
}
