package vn.dancu.registry;

/** A birth to register, as it arrives from outside: the registry validates every field. */
public record BirthRegistration(String fullName, String gender, String dateOfBirth, String placeOfBirth,
                                String birthRegistrationUnit, String nationality, String ethnicity, String religion,
                                String fatherPersonalId, String motherPersonalId, String householdId,
                                String placeOfOrigin, String otherNames, String bloodGroup, String reason) {
}
