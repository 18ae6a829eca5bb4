package vn.dancu.registry;

import java.time.LocalDate;

/** The current state of one person, as stored. Changes go through {@link Registry}, never setters. */
record Person(long id, String personalId, String fullName, String otherNames, Gender gender, LocalDate dateOfBirth,
              String placeOfBirth, long birthRegistrationUnitId, String placeOfOrigin, String ethnicity, String religion,
              String nationality, String bloodGroup, String maritalStatus, Long fatherId, Long motherId, Long spouseId,
              String status, LocalDate dateOfDeath, String placeOfDeath, LocalDate dateMissing, String phone, String email,
              Long householdId, String relationshipToHead, int version) {

    boolean isDeceased() {
        return "DECEASED".equals(status);
    }
}
