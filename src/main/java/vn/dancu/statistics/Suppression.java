package vn.dancu.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Small-cell suppression with complementary suppression for a two-way table with its totals.
 *
 * <p>The table is held with its margins: {@code v[r][c]} for r &lt; R, c &lt; C are the cells, row
 * R holds the column totals, column C the row totals, {@code v[R][C]} the grand total. Every row and
 * every column of that extended table is a linear equation an intruder knows. Negating the totals
 * row and column (but not the grand total) turns it into a table whose every line sums to zero; a
 * set of hidden cells can then move together, keeping every published number, exactly along the
 * cycles of the bipartite graph whose nodes are the lines and whose edges are the hidden cells.
 * With the counts' lower bound of zero an intruder can still pin a hidden cell when every such move
 * would take some zero below zero. So a hidden cell is <em>protected</em> when it lies on a cycle
 * of hidden cells along which a move of one unit, up or down, keeps every cell at zero or above:
 * then both its value and a neighbouring value are consistent with everything published, and by
 * the conformal decomposition of circulations this is exactly the condition under which linear
 * programming, or any other reasoning from the published numbers and non-negativity, cannot pin it.
 *
 * <p>The method: every cell below k is hidden (primary suppression); then, to a fixed point, each
 * hidden cell that is not protected gets the cheapest such cycle (Dijkstra, the cost of a cell
 * that must be hidden in addition being its value plus one, so as little as possible is lost), and
 * each <em>link</em> (lines whose hidden cells another table shares, see {@link Link}) is
 * connected the cheapest way. Cells marked locked are published elsewhere and are never hidden
 * in addition; cells marked hidden in advance stay hidden.
 */
final class Suppression {

    /**
     * Columns (including C, the row totals) that must be connected by hidden cells without passing
     * through row {@code excludedRow}: a move that another table makes in those columns of that
     * row can then be carried on through this table, so tables that share cells are protected
     * together, not only one by one.
     */
    record Link(int excludedRow, int[] columns) {
    }

    /** What the caller wants published: {@code hidden[r][c]} true means the cell is withheld. */
    record Pattern(boolean[][] hidden) {

        int hiddenCount() {
            int n = 0;
            for (boolean[] row : hidden) {
                for (boolean h : row) {
                    n += h ? 1 : 0;
                }
            }
            return n;
        }
    }

    private final long[][] v;
    private final int rows;
    private final int cols;
    private final boolean[][] hidden;
    private final boolean[][] locked;

    private Suppression(long[][] extended, boolean[][] hiddenFirst, boolean[][] locked) {
        this.v = extended;
        this.rows = extended.length;
        this.cols = extended[0].length;
        this.hidden = new boolean[rows][];
        this.locked = new boolean[rows][];
        for (int r = 0; r < rows; r++) {
            this.hidden[r] = hiddenFirst == null ? new boolean[cols] : hiddenFirst[r].clone();
            this.locked[r] = locked == null ? new boolean[cols] : locked[r].clone();
        }
    }

    /** The extended table (cells, then a totals row, and a totals column) of {@code cells}. */
    static long[][] extend(long[][] cells, int columns) {
        int r = cells.length;
        long[][] x = new long[r + 1][columns + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < columns; j++) {
                x[i][j] = cells[i][j];
                x[i][columns] += cells[i][j];
                x[r][j] += cells[i][j];
                x[r][columns] += cells[i][j];
            }
        }
        return x;
    }

    /**
     * The cells to withhold: below {@code k} (unless locked), plus what protects them.
     *
     * @param hiddenFirst cells that must be withheld whatever their value (shared with a table that withholds them); may be null
     * @param locked      cells published elsewhere: never withheld in addition; may be null
     */
    static Pattern protect(long[][] extended, int k, boolean[][] hiddenFirst, boolean[][] locked, List<Link> links) {
        Suppression s = new Suppression(extended, hiddenFirst, locked);
        for (int r = 0; r < s.rows; r++) {
            for (int c = 0; c < s.cols; c++) {
                if (extended[r][c] < k && !s.locked[r][c]) {
                    s.hidden[r][c] = true;
                }
            }
        }
        s.fixPoint(links);
        return new Pattern(s.hidden);
    }

    /** Whether a withheld cell can be pinned from the published numbers (for tests and a last check). */
    static boolean pinned(long[][] extended, boolean[][] hidden, int r, int c) {
        Suppression s = new Suppression(extended, hidden, null);
        return !s.movable(r, c);
    }

    private void fixPoint(List<Link> links) {
        // a cell found on a feasible cycle stays protected: more hidden cells only add cycles
        boolean[][] protectedCells = new boolean[rows][cols];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (hidden[r][c] && !protectedCells[r][c] && !movable(r, c, protectedCells)) {
                        changed |= addCycle(r, c);
                    }
                }
            }
            for (Link link : links) {
                changed |= connect(link);
            }
        }
    }

    // --- the graph: nodes 0..rows-1 are the lines of the rows, rows..rows+cols-1 those of the columns

    /** +1 for cells, −1 for the totals row and column, +1 for the grand total (the table whose lines sum to zero). */
    private int sign(int r, int c) {
        return (r == rows - 1) != (c == cols - 1) ? -1 : 1;
    }

    /** Whether the cell may change by {@code delta} (±1, in the signed table) without its count going below zero. */
    private boolean canMove(int r, int c, int delta) {
        return delta * sign(r, c) > 0 || v[r][c] > 0;
    }

    /** On a cycle of hidden cells along which a move of one, up or down, keeps every count at zero or above. */
    private boolean movable(int r, int c) {
        return movable(r, c, null);
    }

    /** As above; every cell of the cycle found is marked in {@code protectedCells} (it lies on the same cycle). */
    private boolean movable(int r, int c, boolean[][] protectedCells) {
        for (int delta : new int[] {1, -1}) {
            List<int[]> cycle = canMove(r, c, delta) ? path(r, c, delta, false) : null;
            if (cycle != null) {
                if (protectedCells != null) {
                    protectedCells[r][c] = true;
                    cycle.forEach(cell -> protectedCells[cell[0]][cell[1]] = true);
                }
                return true;
            }
        }
        return false;
    }

    private boolean addCycle(int r, int c) {
        List<int[]> best = null;
        long bestCost = Long.MAX_VALUE;
        for (int delta : new int[] {1, -1}) {
            if (!canMove(r, c, delta)) {
                continue;
            }
            List<int[]> path = path(r, c, delta, true);
            if (path != null && cost(path) < bestCost) {
                best = path;
                bestCost = cost(path);
            }
        }
        if (best == null) {
            return withholdLines(r, c);
        }
        boolean changed = false;
        for (int[] cell : best) {
            changed |= !hidden[cell[0]][cell[1]];
            hidden[cell[0]][cell[1]] = true;
        }
        return changed;
    }

    /** No cycle can be made through published cells: withhold the rest of the cell's row and column. */
    private boolean withholdLines(int r, int c) {
        boolean changed = false;
        for (int j = 0; j < cols; j++) {
            if (!locked[r][j] && !hidden[r][j]) {
                hidden[r][j] = changed = true;
            }
        }
        for (int i = 0; i < rows; i++) {
            if (!locked[i][c] && !hidden[i][c]) {
                hidden[i][c] = changed = true;
            }
        }
        return changed;
    }

    private long cost(List<int[]> path) {
        long cost = 0;
        for (int[] cell : path) {
            cost += hidden[cell[0]][cell[1]] ? 0 : v[cell[0]][cell[1]] + 1;
        }
        return cost;
    }

    /**
     * The cheapest path from column {@code c0} to {@code goal} (a node) that closes a cycle with the
     * cell (r0, c0) moved by {@code delta}: edges entered from a column move by −delta, from a row by
     * +delta. Without {@code mayAdd} only hidden cells count (the check); with it, published unlocked
     * cells too, at their value plus one (the repair). Null when there is none.
     */
    private List<int[]> path(int r0, int c0, int delta, boolean mayAdd) {
        return path(c0, r0, delta, mayAdd, -1, r0, c0);
    }

    /** As above, from a column to any node, never through {@code excludedRow} nor the cell (skipR, skipC). */
    private List<int[]> path(int startColumn, int goal, int delta, boolean mayAdd, int excludedRow, int skipR, int skipC) {
        int nodes = rows + cols;
        long[] dist = new long[nodes];
        int[] prev = new int[nodes];
        Arrays.fill(dist, Long.MAX_VALUE);
        Arrays.fill(prev, -1);
        int start = rows + startColumn;
        dist[start] = 0;
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        queue.add(new long[] {0, start});
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int node = (int) top[1];
            if (top[0] > dist[node]) {
                continue;
            }
            if (node == goal) {
                break;
            }
            boolean fromColumn = node >= rows;
            int count = fromColumn ? rows : cols;
            for (int other = 0; other < count; other++) {
                int r = fromColumn ? other : node;
                int c = fromColumn ? node - rows : other;
                if ((r == skipR && c == skipC) || r == excludedRow) {
                    continue;
                }
                int move = fromColumn ? -delta : delta;
                long step;
                if (hidden[r][c]) {
                    step = 0;
                } else if (mayAdd && !locked[r][c]) {
                    step = v[r][c] + 1;
                } else {
                    continue;
                }
                if (!canMove(r, c, move)) {
                    continue;
                }
                int next = fromColumn ? r : rows + c;
                if (dist[node] + step < dist[next]) {
                    dist[next] = dist[node] + step;
                    prev[next] = node;
                    queue.add(new long[] {dist[next], next});
                }
            }
        }
        if (dist[goal] == Long.MAX_VALUE) {
            return null;
        }
        List<int[]> cells = new ArrayList<>();
        for (int node = goal; node != start; node = prev[node]) {
            int before = prev[node];
            cells.add(node < rows ? new int[] {node, before - rows} : new int[] {before, node - rows});
        }
        return cells;
    }

    /**
     * Makes every move the link's row allows between two of its columns (one up, the other down)
     * possible through hidden cells of the other rows, adding the cheapest cells where it is not.
     */
    private boolean connect(Link link) {
        boolean changed = false;
        int x = link.excludedRow();
        int[] columns = link.columns();
        for (int i = 0; i < columns.length; i++) {
            for (int j = i + 1; j < columns.length; j++) {
                int a = columns[i];
                int b = columns[j];
                for (int delta : new int[] {1, -1}) {
                    if (!canMove(x, a, delta) || !canMove(x, b, -delta) || path(a, rows + b, delta, false, x, -1, -1) != null) {
                        continue;
                    }
                    List<int[]> added = path(a, rows + b, delta, true, x, -1, -1);
                    for (int[] cell : added == null ? List.<int[]>of() : added) {
                        changed |= !hidden[cell[0]][cell[1]];
                        hidden[cell[0]][cell[1]] = true;
                    }
                }
            }
        }
        return changed;
    }
}
