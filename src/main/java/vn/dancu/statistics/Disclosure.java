package vn.dancu.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The disclosure rules of the open statistics (docs/api/statistics-v1.md): which cells of a table
 * of a unit's parts are withheld. The nation's table of provinces is protected first; a province's
 * table of communes then withholds in its totals row exactly what the nation's table withholds in
 * the province's row (the same numbers), publishes the others as the nation's table does, and
 * links the withheld ones through its communes, so that a move the nation's table allows in the
 * province's row can be carried on inside the province: the tables hold together, not only one
 * by one. The nation's table links each province's withheld cells through the other provinces
 * for the moves a province's table makes.
 */
final class Disclosure {

    private Disclosure() {
    }

    /** The withheld cells of the nation's table (rows: provinces); the national grand total is published. */
    static boolean[][] nationPattern(long[][] table, int k) {
        int rows = table.length;
        int cols = table[0].length;
        boolean[][] locked = new boolean[rows][cols];
        locked[rows - 1][cols - 1] = true;
        boolean[][] hidden = null;
        while (true) {
            List<Suppression.Link> links = new ArrayList<>();
            for (int p = 0; hidden != null && p < rows - 1; p++) {
                int[] withheld = withheld(hidden[p]);
                if (withheld.length > 1) {
                    links.add(new Suppression.Link(p, withheld));
                }
            }
            boolean[][] next = Suppression.protect(table, k, hidden, locked, links).hidden();
            if (hidden != null && Arrays.deepEquals(next, hidden)) {
                return next;
            }
            hidden = next;
        }
    }

    /**
     * The withheld cells of a province's table (rows: communes), given what the nation's table
     * withholds in the province's row ({@code nationRow}, its last entry the province's total).
     */
    static boolean[][] provincePattern(long[][] table, boolean[] nationRow, int k) {
        int rows = table.length;
        int cols = table[0].length;
        boolean[][] first = new boolean[rows][cols];
        boolean[][] locked = new boolean[rows][cols];
        for (int c = 0; c < cols; c++) {
            first[rows - 1][c] = nationRow[c];
            locked[rows - 1][c] = !nationRow[c];
        }
        int[] withheld = withheld(nationRow);
        List<Suppression.Link> links = withheld.length > 1 ? List.of(new Suppression.Link(rows - 1, withheld)) : List.of();
        return Suppression.protect(table, k, first, locked, links).hidden();
    }

    /** The withheld cells of a table released with noise: its own release, nothing shared, so nothing locked. */
    static boolean[][] noisyPattern(long[][] table, int k) {
        return Suppression.protect(table, k, null, null, List.of()).hidden();
    }

    private static int[] withheld(boolean[] row) {
        return java.util.stream.IntStream.range(0, row.length).filter(c -> row[c]).toArray();
    }
}
