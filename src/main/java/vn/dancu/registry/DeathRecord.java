package vn.dancu.registry;

/** A death to record (Luật Hộ tịch, Điều 32-34), as it arrives from outside. */
public record DeathRecord(String dateOfDeath, String placeOfDeath, String sourceDocument, String reason) {
}
