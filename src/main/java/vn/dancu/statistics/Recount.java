package vn.dancu.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * One family of facts counted again from its source tables, for {@code ./dancu statistics rebuild}.
 * The rebuild replaces every figure of {@link #facts()} with what {@link #recount} hands over,
 * folded through the same unit mapping as the journal; it must equal what the events kept.
 */
interface Recount {

    /**
     * The facts this family counts. Every family is recounted in the same rebuild, so two families may
     * share a fact (each hands over its own keys of it, such as {@code quality}'s measures).
     */
    List<String> facts();

    /** Hands over, as +amount deltas with units as the sources recorded them, every figure as of {@code asOf}. */
    void recount(LocalDate asOf, Consumer<Journal.Delta> into);
}
