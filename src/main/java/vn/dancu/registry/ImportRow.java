package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import vn.dancu.platform.Csv;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/** One person of an import file, validated by the same rules as the API; or the reasons it is refused. */
record ImportRow(long line, String personalId, String fullName, Gender gender, LocalDate dateOfBirth, String placeOfBirth,
                 AdministrativeUnit birthUnit, LocalDate registeredOn, String nationality, String ethnicity, String religion,
                 String legacyId, String fatherPersonalId, String motherPersonalId, String householdKey, String relationship,
                 Residence permanent, Residence temporary, LocalDate dateOfDeath, String placeOfDeath) {

    record Residence(AdministrativeUnit unit, String address, LocalDate from, LocalDate to) {
    }

    /** A row the importer refuses, with the line it starts on and every reason. */
    record Rejected(long line, String reason) {
    }

    boolean isHead() {
        return Relationship.HEAD.name().equals(relationship);
    }

    boolean isSpouse() {
        return Relationship.SPOUSE.name().equals(relationship);
    }

    /** Parses and validates one record of the file. */
    static Object parse(Csv.Record record, PersonRules rules, Units units, LocalDate today) {
        List<String> f = record.fields();
        if (f.size() != ImportFormat.COLUMNS.size()) {
            return new Rejected(record.line(), "expected " + ImportFormat.COLUMNS.size() + " fields, found " + f.size());
        }
        if (f.stream().anyMatch(v -> v.indexOf('\uFFFD') >= 0)) {
            return new Rejected(record.line(), "the line is not valid UTF-8 (is the file in another encoding?)");
        }
        FieldErrors e = new FieldErrors();
        String personalId = f.get(0).strip();
        if (!PersonalIdNumber.isWellFormed(personalId)) {
            e.add("personal_id", "INVALID_PERSONAL_ID", "must be 12 digits");
        }
        String fullName = rules.name(e, "full_name", f.get(1));
        Gender gender = e.oneOf("gender", f.get(2), Gender.class);
        LocalDate dob = e.date("date_of_birth", f.get(3));
        if (dob != null && BirthPolicy.dateOfBirth(dob, today).isPresent()) {
            e.add("date_of_birth", "OUT_OF_RANGE", "must lie between 1900 and today");
        }
        String placeOfBirth = e.text("place_of_birth", f.get(4), 300);
        LocalDate registeredOn = e.date("birth_registration_date", f.get(6));
        AdministrativeUnit birthUnit = registeredOn == null ? null : rules.commune(e, "birth_registration_unit", f.get(5), registeredOn);
        if (registeredOn != null && dob != null && (registeredOn.isBefore(dob) || registeredOn.isAfter(today))) {
            e.add("birth_registration_date", "OUT_OF_RANGE", "must lie between the birth and today");
        }
        String nationality = rules.nationality(e, f.get(7));
        String ethnicity = rules.ethnicity(e, f.get(8));
        String religion = e.optionalText("religion", f.get(9), 100);
        String legacyId = optional(f.get(10));
        if (legacyId != null && !LegacyIdNumber.isWellFormed(legacyId)) {
            e.add("legacy_id", "INVALID_FORMAT", "must be 9 digits");
        }
        String father = personalIdField(e, "father_personal_id", f.get(11));
        String mother = personalIdField(e, "mother_personal_id", f.get(12));
        String householdKey = e.optionalText("household_key", f.get(13), 64);
        String relationship = householdKey == null ? null : e.oneOf("relationship_to_head", f.get(14), Relationship.NAMES);
        Residence permanent = residence(e, rules, "permanent", f.get(15), f.get(16), f.get(17), null, dob, today);
        Residence temporary = residence(e, rules, "temporary", f.get(18), f.get(19), f.get(20), f.get(21), dob, today);
        LocalDate dateOfDeath = e.optionalDate("date_of_death", f.get(22));
        if (dateOfDeath != null && dob != null && (dateOfDeath.isBefore(dob) || dateOfDeath.isAfter(today))) {
            e.add("date_of_death", "OUT_OF_RANGE", "must lie between the birth and today");
        }
        String placeOfDeath = e.optionalText("place_of_death", f.get(23), 300);
        if (temporary != null
                && ResidencePolicy.temporaryWithinLimit(ResidenceType.TEMPORARY, temporary.from(), temporary.to()).isPresent()) {
            e.add("temporary_to", "TOO_LONG", "a temporary residence is registered for at most 2 years at a time");
        }
        for (Residence residence : java.util.Arrays.asList(permanent, temporary)) {
            if (residence != null && dateOfDeath != null && residence.from().isAfter(dateOfDeath)) {
                e.add("date_of_death", "BEFORE_RESIDENCE", "a residence cannot start after the death");
            }
        }
        if (householdKey != null && Relationship.HEAD.name().equals(relationship) && permanent == null) {
            e.add("permanent_unit", "REQUIRED", "a household head's row gives the household's permanent residence");
        }
        if (e.isEmpty()) {
            numberMatches(e, new PersonalIdNumber(personalId), gender, dob, units.province(birthUnit));
        }
        if (!e.isEmpty()) {
            return new Rejected(record.line(), describe(e));
        }
        return new ImportRow(record.line(), personalId, fullName, gender, dob, placeOfBirth, birthUnit,
                registeredOn, nationality, ethnicity, religion, legacyId, father, mother, householdKey, relationship,
                permanent, temporary, dateOfDeath, placeOfDeath);
    }

    /** The number must be one that the registering province could have issued to this person. */
    private static void numberMatches(FieldErrors e, PersonalIdNumber number, Gender gender, LocalDate dob,
                                      AdministrativeUnit province) {
        number.contradicts(gender, dob.getYear()).ifPresent(why -> e.add("personal_id", "STRUCTURE_MISMATCH", why));
        if (!Objects.equals(number.issuingCode(), province.idIssuingCode())) {
            e.add("personal_id", "STRUCTURE_MISMATCH", "starts with " + number.issuingCode() + " but "
                    + province.name() + " issues " + province.idIssuingCode());
        }
    }

    private static Residence residence(FieldErrors e, PersonRules rules, String kind, String unit, String address, String from,
                                       String to, LocalDate dob, LocalDate today) {
        if (optional(unit) == null && optional(address) == null && optional(from) == null && optional(to) == null) {
            return null;
        }
        LocalDate start = e.date(kind + "_from", from);
        LocalDate end = e.optionalDate(kind + "_to", to);
        String line = e.text(kind + "_address", address, 300);
        AdministrativeUnit commune = start == null ? null : rules.commune(e, kind + "_unit", unit, start);
        if (start != null && (start.isAfter(today) || (dob != null && start.isBefore(dob)))) {
            e.add(kind + "_from", "OUT_OF_RANGE", "must lie between the birth and today");
        }
        if (start != null && end != null && end.isBefore(start)) {
            e.add(kind + "_to", "BEFORE_START", "is before " + kind + "_from");
        }
        return commune == null || line == null ? null : new Residence(commune, line, start, end);
    }

    private static String personalIdField(FieldErrors e, String field, String value) {
        String v = optional(value);
        if (v != null && !PersonalIdNumber.isWellFormed(v)) {
            e.add(field, "INVALID_PERSONAL_ID", "must be 12 digits");
            return null;
        }
        return v;
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String describe(FieldErrors errors) {
        return errors.describe();
    }
}
