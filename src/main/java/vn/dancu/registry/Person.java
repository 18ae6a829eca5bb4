package vn.dancu.registry;

import java.time.LocalDate;

/** The current state of one person, as stored. Changes go through the registry's use cases, never setters. */
record Person(long id, String personalId, String fullName, String otherNames, Gender gender, LocalDate dateOfBirth,
              String placeOfBirth, long birthRegistrationUnitId, String placeOfOrigin, String ethnicity, String religion,
              String nationality, String bloodGroup, MaritalStatus maritalStatus, Long fatherId, Long motherId, Long spouseId,
              PersonStatus status, LocalDate dateOfDeath, String placeOfDeath, LocalDate dateMissing, String phone, String email,
              Long householdId, Relationship relationshipToHead, int version) {

    boolean isDeceased() {
        return status == PersonStatus.DECEASED;
    }
}
