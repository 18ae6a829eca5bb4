package vn.dancu.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An attacker of published tables, written apart from {@link Suppression} so that it shares none of
 * its reasoning: it knows every published number, every equation (each line of each table sums to
 * its total; cells shared between tables are one variable) and that counts are not negative, and
 * tries to find withheld values three ways: propagation of single unknowns, interval bounds to a
 * fixed point, and, when few cells are withheld, enumeration of every integer solution.
 */
final class Intruder {

    /** An equation Σ coefficient·variable = 0. */
    record Equation(int[] variables, int[] coefficients) {
    }

    private final long[] truth;
    private final boolean[] hidden;
    private final List<Equation> equations = new ArrayList<>();

    Intruder(int variables) {
        truth = new long[variables];
        hidden = new boolean[variables];
    }

    void variable(int index, long value, boolean withheld) {
        truth[index] = value;
        hidden[index] = withheld;
    }

    void equation(int[] variables, int[] coefficients) {
        equations.add(new Equation(variables, coefficients));
    }

    /**
     * Adds an extended table (see {@link Suppression}) whose cell (r, c) is the variable {@code ids[r][c]}:
     * each row's cells sum to its total, each column's to its total.
     */
    void table(long[][] values, boolean[][] withheld, int[][] ids) {
        int rows = values.length;
        int cols = values[0].length;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                variable(ids[r][c], values[r][c], withheld[r][c]);
            }
        }
        for (int r = 0; r < rows; r++) {
            int[] vars = new int[cols];
            int[] coefs = new int[cols];
            for (int c = 0; c < cols; c++) {
                vars[c] = ids[r][c];
                coefs[c] = c == cols - 1 ? -1 : 1;
            }
            equation(vars, coefs);
        }
        for (int c = 0; c < cols; c++) {
            int[] vars = new int[rows];
            int[] coefs = new int[rows];
            for (int r = 0; r < rows; r++) {
                vars[r] = ids[r][c];
                coefs[r] = r == rows - 1 ? -1 : 1;
            }
            equation(vars, coefs);
        }
    }

    static int[][] ids(int rows, int cols, int first) {
        int[][] ids = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                ids[r][c] = first + r * cols + c;
            }
        }
        return ids;
    }

    /** The withheld variables the attacks pin to one value (empty: the tables hold). */
    List<Integer> pinned() {
        List<Integer> found = new ArrayList<>(propagation());
        long[][] bounds = bounds();
        for (int i = 0; i < truth.length; i++) {
            if (hidden[i] && bounds[0][i] == bounds[1][i] && !found.contains(i)) {
                found.add(i);
            }
        }
        if (found.isEmpty()) {
            found.addAll(enumeration(bounds));
        }
        return found;
    }

    /** Lines with a single unknown give it away; what they give away may give away more. */
    List<Integer> propagation() {
        boolean[] known = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            known[i] = !hidden[i];
        }
        List<Integer> solved = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Equation e : equations) {
                int unknown = -1;
                int count = 0;
                for (int v : e.variables()) {
                    if (!known[v]) {
                        unknown = v;
                        count++;
                    }
                }
                if (count == 1) {
                    known[unknown] = true;
                    solved.add(unknown);
                    progress = true;
                }
            }
        }
        return solved;
    }

    /** Lower and upper bounds of every variable from the equations and non-negativity, tightened to a fixed point. */
    long[][] bounds() {
        long big = Arrays.stream(truth).sum() * 4 + 1000;
        long[] lo = new long[truth.length];
        long[] hi = new long[truth.length];
        for (int i = 0; i < truth.length; i++) {
            lo[i] = hidden[i] ? 0 : truth[i];
            hi[i] = hidden[i] ? big : truth[i];
        }
        boolean progress = true;
        for (int round = 0; progress && round < 10_000; round++) {
            progress = false;
            for (Equation e : equations) {
                for (int j = 0; j < e.variables().length; j++) {
                    int x = e.variables()[j];
                    if (!hidden[x]) {
                        continue;
                    }
                    // a_j·x = −Σ_{i≠j} a_i·x_i
                    long restMin = 0;
                    long restMax = 0;
                    for (int i = 0; i < e.variables().length; i++) {
                        if (i == j) {
                            continue;
                        }
                        int y = e.variables()[i];
                        int a = -e.coefficients()[i];
                        restMin += a > 0 ? a * lo[y] : a * hi[y];
                        restMax += a > 0 ? a * hi[y] : a * lo[y];
                    }
                    long newLo = e.coefficients()[j] > 0 ? restMin : -restMax;
                    long newHi = e.coefficients()[j] > 0 ? restMax : -restMin;
                    if (newLo > lo[x]) {
                        lo[x] = newLo;
                        progress = true;
                    }
                    if (newHi < hi[x]) {
                        hi[x] = newHi;
                        progress = true;
                    }
                }
            }
        }
        return new long[][] {lo, hi};
    }

    /** When few cells are withheld: every integer solution within the bounds, and the cells that take one value in all. */
    List<Integer> enumeration(long[][] bounds) {
        int[] unknowns = java.util.stream.IntStream.range(0, truth.length).filter(i -> hidden[i]).toArray();
        double space = 1;
        for (int u : unknowns) {
            space *= bounds[1][u] - bounds[0][u] + 1;
        }
        if (unknowns.length == 0 || space > 400_000) {
            return List.of();
        }
        long[] min = new long[truth.length];
        long[] max = new long[truth.length];
        Arrays.fill(min, Long.MAX_VALUE);
        Arrays.fill(max, Long.MIN_VALUE);
        long[] x = truth.clone();
        search(unknowns, 0, x, bounds, min, max);
        List<Integer> pinned = new ArrayList<>();
        for (int u : unknowns) {
            if (min[u] == max[u]) {
                pinned.add(u);
            }
        }
        return pinned;
    }

    private void search(int[] unknowns, int at, long[] x, long[][] bounds, long[] min, long[] max) {
        if (at == unknowns.length) {
            for (Equation e : equations) {
                long sum = 0;
                for (int i = 0; i < e.variables().length; i++) {
                    sum += e.coefficients()[i] * x[e.variables()[i]];
                }
                if (sum != 0) {
                    return;
                }
            }
            for (int u : unknowns) {
                min[u] = Math.min(min[u], x[u]);
                max[u] = Math.max(max[u], x[u]);
            }
            return;
        }
        int u = unknowns[at];
        for (long value = bounds[0][u]; value <= bounds[1][u]; value++) {
            x[u] = value;
            search(unknowns, at + 1, x, bounds, min, max);
        }
    }
}
