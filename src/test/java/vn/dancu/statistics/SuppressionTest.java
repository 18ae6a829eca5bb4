package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Suppression is tested by attacking it: after every table is protected, an {@link Intruder} that
 * knows everything published tries to pin a withheld cell, and must fail.
 */
class SuppressionTest {

    private static final int K = 10;

    @Test
    void noWithheldCellOfManyRandomTablesCanBePinned() {
        SplittableRandom random = new SplittableRandom(20261205);
        int attacked = 0;
        for (int round = 0; round < 1500; round++) {
            long[][] cells = randomCells(random, 1 + random.nextInt(6), 1 + random.nextInt(6));
            long[][] table = Suppression.extend(cells, cells[0].length);
            Suppression.Pattern pattern = Suppression.protect(table, K, null, null, List.of());
            assertEverySmallCellWithheld(table, pattern);
            Intruder intruder = new Intruder(table.length * table[0].length);
            intruder.table(table, pattern.hidden(), Intruder.ids(table.length, table[0].length, 0));
            assertThat(intruder.pinned()).as("pinned cells of %s withheld %s", deep(table), deep(pattern.hidden())).isEmpty();
            attacked += pattern.hiddenCount() > 0 ? 1 : 0;
        }
        assertThat(attacked).as("tables with withheld cells").isGreaterThan(1000);
    }

    @Test
    void aNationAndItsProvincesProtectedTogetherResistAnAttackOnAllOfThemAtOnce() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 1000; round++) {
            int provinces = 2 + random.nextInt(4); // the nation's total is published: one province alone would be it
            int columns = 2 + random.nextInt(3);
            List<long[][]> communes = new ArrayList<>();
            long[][] byProvince = new long[provinces][columns];
            for (int p = 0; p < provinces; p++) {
                long[][] cells = randomCells(random, 1 + random.nextInt(3), columns);
                communes.add(cells);
                for (long[] row : cells) {
                    for (int c = 0; c < columns; c++) {
                        byProvince[p][c] += row[c];
                    }
                }
            }
            Hierarchy h = Hierarchy.protect(byProvince, communes, K);
            assertThat(h.attack()).as("round %d: nation %s withheld %s, provinces %s withheld %s", round, deep(h.nation), deep(h.nationHidden),
                    deep(h.provinces.toArray()), deep(h.provinceHidden.toArray())).isEmpty();
        }
    }

    @Test
    void aSingleSmallCellInARowTakesAPartnerInItsRowAndColumn() {
        long[][] table = Suppression.extend(new long[][] {{120, 3, 95}, {80, 60, 44}, {70, 51, 33}}, 3);
        Suppression.Pattern pattern = Suppression.protect(table, K, null, null, List.of());
        assertThat(pattern.hidden()[0][1]).isTrue();
        assertThat(countRow(pattern, 0)).isGreaterThanOrEqualTo(2);
        assertThat(countColumn(pattern, 1)).isGreaterThanOrEqualTo(2);
        assertUnbroken(table, pattern);
    }

    @Test
    void zerosAreWithheldAndCannotBePinnedFromBelow() {
        long[][] table = Suppression.extend(new long[][] {{0, 0, 40}, {0, 25, 30}, {50, 0, 0}}, 3);
        Suppression.Pattern pattern = Suppression.protect(table, K, null, null, List.of());
        assertEverySmallCellWithheld(table, pattern);
        assertUnbroken(table, pattern);
    }

    @Test
    void aTableOfOnlySmallCellsHidesEverythingItMustAndStillHolds() {
        long[][] table = Suppression.extend(new long[][] {{1, 2}, {3, 0}}, 2);
        Suppression.Pattern pattern = Suppression.protect(table, K, null, null, List.of());
        assertEverySmallCellWithheld(table, pattern);
        assertUnbroken(table, pattern);
    }

    @Test
    void aProvinceOfOneCommuneDoesNotGiveItsCommuneAway() {
        // one commune: its row equals the province's row of the nation's table
        long[][] communes = {{4, 300, 12}};
        long[][] provinces = {{4, 300, 12}, {80, 900, 45}, {60, 700, 2}};
        Hierarchy h = Hierarchy.protect(provinces, List.of(communes, new long[][] {{80, 900, 45}}, new long[][] {{60, 700, 2}}), K);
        assertThat(h.provinceHidden.get(0)[0][0]).as("the commune's small cell").isTrue();
        assertThat(h.attack()).isEmpty();
    }

    @Test
    void theIntruderCatchesAPatternThatOnlyHidesTheSmallCells() {
        // Without complementary suppression the intruder must win: the test can fail.
        long[][] table = Suppression.extend(new long[][] {{120, 3, 95}, {80, 60, 44}}, 3);
        boolean[][] onlyPrimary = new boolean[3][4];
        onlyPrimary[0][1] = true;
        Intruder intruder = new Intruder(12);
        intruder.table(table, onlyPrimary, Intruder.ids(3, 4, 0));
        assertThat(intruder.pinned()).containsExactly(1);
        assertThat(Suppression.pinned(table, onlyPrimary, 0, 1)).isTrue();
        // Four cells on a cycle, but zeros block every move: the row of zeros sums to a published zero.
        long[][] blocked = Suppression.extend(new long[][] {{5, 0}, {0, 0}}, 2);
        boolean[][] all = {{true, true, false}, {true, true, false}, {false, false, false}};
        Intruder second = new Intruder(9);
        second.table(blocked, all, Intruder.ids(3, 3, 0));
        assertThat(second.pinned()).isNotEmpty();
        assertThat(Suppression.pinned(blocked, all, 0, 0)).isTrue();
    }

    // --- fixtures

    /** Cells of mixed sizes: many small ones, some zeros, the rest large. */
    static long[][] randomCells(SplittableRandom random, int rows, int cols) {
        long[][] cells = new long[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int kind = random.nextInt(10);
                cells[r][c] = kind < 2 ? 0 : kind < 5 ? random.nextInt(1, 10) : random.nextInt(10, 120);
            }
        }
        return cells;
    }

    private static void assertEverySmallCellWithheld(long[][] table, Suppression.Pattern pattern) {
        for (int r = 0; r < table.length; r++) {
            for (int c = 0; c < table[0].length; c++) {
                if (table[r][c] < K) {
                    assertThat(pattern.hidden()[r][c]).as("cell %d,%d = %d", r, c, table[r][c]).isTrue();
                }
            }
        }
    }

    private static void assertUnbroken(long[][] table, Suppression.Pattern pattern) {
        Intruder intruder = new Intruder(table.length * table[0].length);
        intruder.table(table, pattern.hidden(), Intruder.ids(table.length, table[0].length, 0));
        assertThat(intruder.pinned()).as("pinned in %s withheld %s", deep(table), deep(pattern.hidden())).isEmpty();
    }

    private static int countRow(Suppression.Pattern p, int r) {
        int n = 0;
        for (boolean h : p.hidden()[r]) {
            n += h ? 1 : 0;
        }
        return n;
    }

    private static int countColumn(Suppression.Pattern p, int c) {
        int n = 0;
        for (boolean[] row : p.hidden()) {
            n += row[c] ? 1 : 0;
        }
        return n;
    }

    static String deep(Object array) {
        return java.util.Arrays.deepToString(new Object[] {array});
    }

    /** A nation's table of provinces and each province's table of communes, protected as {@link Disclosure} does. */
    record Hierarchy(long[][] nation, boolean[][] nationHidden, List<long[][]> provinces, List<boolean[][]> provinceHidden) {

        static Hierarchy protect(long[][] byProvince, List<long[][]> communes, int k) {
            long[][] nation = Suppression.extend(byProvince, byProvince[0].length);
            boolean[][] nationHidden = Disclosure.nationPattern(nation, k);
            List<long[][]> tables = new ArrayList<>();
            List<boolean[][]> hidden = new ArrayList<>();
            for (int p = 0; p < communes.size(); p++) {
                long[][] table = Suppression.extend(communes.get(p), byProvince[0].length);
                tables.add(table);
                hidden.add(Disclosure.provincePattern(table, nationHidden[p], k));
            }
            return new Hierarchy(nation, nationHidden, tables, hidden);
        }

        /** Every table's equations at once; a province's totals row is the nation's row of the province. */
        List<Integer> attack() {
            int cols = nation[0].length;
            int count = nation.length * cols;
            for (long[][] t : provinces) {
                count += (t.length - 1) * cols;
            }
            Intruder intruder = new Intruder(count);
            int[][] nationIds = Intruder.ids(nation.length, cols, 0);
            intruder.table(nation, nationHidden, nationIds);
            int next = nation.length * cols;
            for (int p = 0; p < provinces.size(); p++) {
                long[][] t = provinces.get(p);
                int[][] ids = Intruder.ids(t.length, cols, next);
                ids[t.length - 1] = nationIds[p].clone();
                next += (t.length - 1) * cols;
                intruder.table(t, provinceHidden.get(p), ids);
            }
            return intruder.pinned();
        }
    }
}
