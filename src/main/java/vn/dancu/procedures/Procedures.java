package vn.dancu.procedures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The procedures that have a class ({@link Procedure} beans), by their number in Appendix I, and the
 * titles of the documents their steps issue. Checked when the platform starts: one class per number,
 * a number of the catalog, a step kind meaning one step, a title for each in the messages
 * (ProcedureFrameworkTest checks that each language's file has all of a procedure's texts).
 */
@Component
class Procedures {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    /** The title of results stored under a kind no step declares (the generic results of earlier versions, PROCEDURE_n). */
    static final String OTHER_RESULT = "result.OTHER";

    private final Map<Integer, Procedure<?>> byNumber;
    private final MessageSource messages;

    Procedures(List<Procedure<?>> all, ProcedureCatalog catalog, MessageSource messages) {
        this.messages = messages;
        Map<Integer, Procedure<?>> found = new TreeMap<>();
        Map<String, Step> steps = new HashMap<>();
        for (Procedure<?> p : all) {
            if (catalog.byAppendixNo(p.appendixNo()).isEmpty()) {
                throw new IllegalStateException(p.getClass().getSimpleName() + " is procedure " + p.appendixNo() + ", not in Appendix I");
            }
            if (catalog.byAppendixNo(p.appendixNo()).orElseThrow().linked() != (p.linkedProcess() != null)) {
                throw new IllegalStateException("Procedure " + p.appendixNo() + " is linked in Appendix I exactly when it names its process");
            }
            Procedure<?> other = found.put(p.appendixNo(), p);
            if (other != null) {
                throw new IllegalStateException("Procedure " + p.appendixNo() + " has two classes: " + other.getClass().getSimpleName()
                        + " and " + p.getClass().getSimpleName());
            }
            for (Step step : p.steps()) {
                Step same = steps.putIfAbsent(step.kind(), step);
                if (same != null && !same.equals(step)) {
                    throw new IllegalStateException("Two steps of kind " + step.kind() + ": " + same + " and " + step);
                }
                if (messages.getMessage(step.resultKey(), null, null, VIETNAMESE) == null) {
                    throw new IllegalStateException("No " + step.resultKey() + " in the messages: the title of the document the step issues");
                }
            }
        }
        this.byNumber = Map.copyOf(found);
    }

    Optional<Procedure<?>> of(int appendixNo) {
        return Optional.ofNullable(byNumber.get(appendixNo));
    }

    Procedure<?> require(int appendixNo) {
        return of(appendixNo).orElseThrow(() -> new IllegalStateException("Procedure " + appendixNo + " has no class"));
    }

    Set<Integer> numbers() {
        return new java.util.TreeSet<>(byNumber.keySet());
    }

    Forms.Form form(int appendixNo) {
        return Forms.Form.of(appendixNo, require(appendixNo).form());
    }

    /** The stored values that name an application's subject, in the order the worklists look for them. */
    List<String> subjectNameFields() {
        Set<String> fields = new LinkedHashSet<>();
        byNumber.values().forEach(p -> {
            if (p.subjectNameField() != null) {
                fields.add(p.subjectNameField());
            }
        });
        return new ArrayList<>(fields);
    }

    /** The title of a result of this kind: a step's, or the generic one. */
    String resultTitle(String kind, Locale locale) {
        String title = messages.getMessage(Step.resultKey(kind), null, null, locale);
        return title != null ? title : messages.getMessage(OTHER_RESULT, null, locale);
    }

    String resultTitleVi(String kind) {
        return resultTitle(kind, VIETNAMESE);
    }
}
