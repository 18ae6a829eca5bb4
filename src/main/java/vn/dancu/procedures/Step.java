package vn.dancu.procedures;

/**
 * What one agency does in an application: a leg's kind, the agency that acts unless the plan names
 * another ({@link Plan.Builder#leg(Step, String, Agency)}), and its working days (Law on Residence
 * 2020, Law on Civil Status 2014, Decree 63/2024 for the linked procedures). Declared by the
 * procedure as a constant; the kind is stored with each leg ({@code procedures.leg.kind}) and names
 * the title of the document its approval issues: {@code result.<kind>} in the messages.
 *
 * <p>{@code provincial}: the agency acts at the level of the province ({@link #atProvince}): the leg's unit is the
 * province of the plan's commune, so that officers bound to the province act on it and those of a commune do not
 * (a commune's justice officer does not issue criminal record certificates).
 */
public record Step(String kind, Agency agency, int workingDays, boolean provincial) {

    public Step(String kind, Agency agency, int workingDays) {
        this(kind, agency, workingDays, false);
    }

    /** The same step, acted on by the agency's officers of the province. */
    public Step atProvince() {
        return new Step(kind, agency, workingDays, true);
    }

    public Step {
        if (kind == null || !kind.matches("[A-Z][A-Z0-9_]{1,59}")) {
            throw new IllegalArgumentException("A step's kind is an upper-case code: " + kind);
        }
        if (agency == null || workingDays < 0) {
            throw new IllegalArgumentException("A step has an agency and zero or more working days: " + kind);
        }
    }

    /** The key of the title of the document this step issues, in the messages. */
    public String resultKey() {
        return resultKey(kind);
    }

    static String resultKey(String kind) {
        return "result." + kind;
    }
}
