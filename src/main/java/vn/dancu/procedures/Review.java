package vn.dancu.procedures;

import java.time.LocalDate;
import java.util.List;
import vn.dancu.registry.PersonFinder;

/** An officer reading an application before deciding: what its legs are at, and reads in their name. */
public final class Review {

    private final ApplicationViews.View view;
    private final Prefill prefill;
    private final Prefill.Reader reader;

    Review(ApplicationViews.View view, Prefill prefill, Prefill.Reader reader) {
        this.view = view;
        this.prefill = prefill;
        this.reader = reader;
    }

    /** Whether a leg of this step is still to be decided (running or waiting for the one before). */
    public boolean undecided(Step step) {
        return view.legs().stream().anyMatch(l -> l.kind().equals(step.kind())
                && (l.status().equals(LegStatus.PENDING.name()) || l.status().equals(LegStatus.WAITING.name())));
    }

    /** As {@link Lodging#childrenNamed}, each read in the access log as the officer's. */
    public List<PersonFinder.PersonRef> childrenNamed(String fullName, LocalDate dateOfBirth, List<String> parents) {
        return prefill.sameNameChildren(view.appendixNo(), fullName, dateOfBirth, parents, reader);
    }
}
