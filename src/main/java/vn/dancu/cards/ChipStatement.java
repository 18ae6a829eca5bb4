package vn.dancu.cards;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.dancu.registry.Gender;
import vn.dancu.registry.LegacyIdNumber;
import vn.dancu.registry.PersonalIdNumber;

/**
 * DG13 as a {@link CardStatement}, for the one comparison with the registry ({@link CardChecks}).
 * Authentic DG13 data that cannot be a card's statement (a malformed number, a date that is not a
 * date) is refused with DG13_FIELD_INVALID, naming the field.
 */
final class ChipStatement {

    private ChipStatement() {
    }

    static List<ChipFailure> problems(Dg13Data dg13) {
        List<ChipFailure> failures = new ArrayList<>();
        if (!PersonalIdNumber.isWellFormed(dg13.personalId())) {
            failures.add(invalid("personal ID number (field 1)"));
        }
        if (dg13.legacyId() != null && !LegacyIdNumber.isWellFormed(dg13.legacyId())) {
            failures.add(invalid("old ID number (field 15 or 16)"));
        }
        if (Dg13Data.day(dg13.dateOfBirth()).isEmpty()) {
            failures.add(invalid("date of birth (field 3)"));
        }
        if (dg13.gender() != null && gender(dg13.gender()).isEmpty()) {
            failures.add(invalid("gender (field 4)"));
        }
        if (dg13.issueDate() != null && Dg13Data.day(dg13.issueDate()).isEmpty()) {
            failures.add(invalid("issue date (field 11)"));
        }
        if (dg13.expiryDate() != null && Dg13Data.day(dg13.expiryDate()).isEmpty() && !Dg13Data.FOR_LIFE.equals(dg13.expiryDate())) {
            failures.add(invalid("expiry date (field 12)"));
        }
        return failures;
    }

    /** Only for a DG13 without {@link #problems}. */
    static CardStatement of(Dg13Data d) {
        return new CardStatement(new PersonalIdNumber(d.personalId()), d.legacyId() == null ? null : new LegacyIdNumber(d.legacyId()),
                d.fullName(), Dg13Data.day(d.dateOfBirth()).orElse(null), d.gender() == null ? null : gender(d.gender()).orElseThrow(),
                d.nationality(), d.ethnicity(), d.religion(), d.placeOfOrigin(), d.permanentAddress(), d.identifyingFeatures(),
                Dg13Data.day(d.issueDate()).orElse(null), Dg13Data.day(d.expiryDate()).orElse(null), d.fatherName(), d.motherName(),
                d.spouseName());
    }

    /** The card's statement as DG13 writes it, for make-chip. */
    static Dg13Data dg13(CardStatement s) {
        return new Dg13Data(s.personalId().value(), s.fullName(), Dg13Data.text(s.dateOfBirth()),
                s.gender() == null ? null : s.gender() == Gender.MALE ? "Nam" : "Nữ", s.nationality(), s.ethnicity(), s.religion(),
                s.placeOfOrigin(), s.permanentAddress(), s.identifyingFeatures(), Dg13Data.text(s.issueDate()),
                s.expiryDate() == null ? Dg13Data.FOR_LIFE : Dg13Data.text(s.expiryDate()), s.fatherName(), s.motherName(),
                s.spouseName(), s.legacyId() == null ? null : s.legacyId().value());
    }

    static Optional<Gender> gender(String text) {
        return switch (text.strip()) {
            case "Nam" -> Optional.of(Gender.MALE);
            case "Nữ" -> Optional.of(Gender.FEMALE);
            default -> Optional.empty();
        };
    }

    private static ChipFailure invalid(String field) {
        return ChipFailure.of(ChipCode.DG13_FIELD_INVALID, 13, "DG13's " + field + " is not valid");
    }
}
