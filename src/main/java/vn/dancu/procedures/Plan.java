package vn.dancu.procedures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an application will run, decided at lodging: its legs in order (leg 1 first), the person it
 * is about besides the applicant, the warnings the officer reads, and the values lodging adds to
 * the stored form (a default the applicant left, a name read from the registry).
 */
public record Plan(List<Leg> legs, String subjectPersonalId, List<String> warnings, Map<String, String> recorded) {

    /**
     * One leg: its step, the commune whose officers act (or whose province's, for a provincial
     * agency), the agency when the plan chooses it, and whether it is skipped (a linked procedure's
     * part the applicant did not ask for).
     */
    public record Leg(Step step, String communeCode, Agency agency, boolean skipped) {
    }

    public Plan {
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("A plan has at least one leg");
        }
        legs = List.copyOf(legs);
        warnings = List.copyOf(warnings);
        recorded = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recorded));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plan of one leg in the commune {@code communeCode}. */
    public static Plan of(Step step, String communeCode) {
        return builder().leg(step, communeCode).build();
    }

    public static final class Builder {

        private final List<Leg> legs = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, String> recorded = new LinkedHashMap<>();
        private String subject;

        public Builder leg(Step step, String communeCode) {
            return leg(step, communeCode, step.agency());
        }

        public Builder leg(Step step, String communeCode, Agency agency) {
            legs.add(new Leg(step, communeCode, agency, false));
            return this;
        }

        /** A leg that does not run, shown as not requested. */
        public Builder skipped(Step step, String communeCode, Agency agency) {
            legs.add(new Leg(step, communeCode, agency, true));
            return this;
        }

        public Builder subject(String personalId) {
            this.subject = personalId;
            return this;
        }

        /** A warning in Vietnamese, recorded as a step of the application for the officer. */
        public Builder warning(String vi) {
            warnings.add(vi);
            return this;
        }

        /** A value stored with the form; read back at the approval as any other ({@link FormValues}). */
        public Builder record(String field, String value) {
            if (value != null) {
                recorded.put(field, value);
            }
            return this;
        }

        public Plan build() {
            return new Plan(legs, subject, warnings, recorded);
        }
    }
}
