package vn.dancu.procedures;

import java.time.LocalDate;
import java.util.Map;
import vn.dancu.registry.Gender;
import vn.dancu.registry.PersonalIdNumber;

/**
 * The values of a form, as a procedure reads them into its form record ({@link Procedure#read}):
 * at lodging after each was checked against its declared type (a value that failed is absent), at
 * an approval as stored. So reading converts and never validates: a missing or refused value reads
 * as null, and the procedure's {@link Procedure#check} decides what that means.
 */
public final class FormValues {

    private final Map<String, String> values;

    FormValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** A text, a commune's code, a choice: as stored, or null. */
    public String text(String name) {
        return values.get(name);
    }

    public LocalDate date(String name) {
        String value = values.get(name);
        return value == null ? null : LocalDate.parse(value);
    }

    public PersonalIdNumber personalId(String name) {
        String value = values.get(name);
        return value == null ? null : new PersonalIdNumber(value);
    }

    public Gender gender(String name) {
        String value = values.get(name);
        return value == null ? null : Gender.valueOf(value);
    }

    /** A ticked box: absent reads as false. */
    public boolean flag(String name) {
        return "true".equals(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The applicant's own values, which every form has from the registry ({@link Forms#APPLICANT}). */
    public Applicant applicant() {
        return new Applicant(personalId("applicant.personalId"), text("applicant.fullName"), date("applicant.dateOfBirth"),
                gender("applicant.gender"), text("applicant.residenceUnit"));
    }

    /** {@code residenceUnit}: the commune of the current residence (in force today), null when the registry has none. */
    public record Applicant(PersonalIdNumber personalId, String fullName, LocalDate dateOfBirth, Gender gender,
                            String residenceUnit) {

        public boolean male() {
            return gender == Gender.MALE;
        }
    }
}
