package vn.dancu.procedures;

import java.time.LocalDate;
import java.util.List;
import org.springframework.context.MessageSource;
import vn.dancu.registry.PersonFinder;

/** An officer reading an application before deciding: what its legs are at, and reads in their name. */
public final class Review {

    private final ApplicationViews.View view;
    private final Prefill prefill;
    private final Prefill.Reader reader;
    private final MessageSource messages;

    Review(ApplicationViews.View view, Prefill prefill, Prefill.Reader reader, MessageSource messages) {
        this.view = view;
        this.prefill = prefill;
        this.reader = reader;
        this.messages = messages;
    }

    /** A warning with its stable {@code code}, in both languages from the message {@code warning.<code>}. */
    public ApplicationViews.Warning warning(String code, Object... args) {
        return new ApplicationViews.Warning(code, messages.getMessage("warning." + code, args, Procedures.VIETNAMESE),
                messages.getMessage("warning." + code, args, java.util.Locale.ENGLISH));
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
