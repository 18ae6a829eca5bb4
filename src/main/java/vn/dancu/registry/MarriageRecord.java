package vn.dancu.registry;

/** A marriage registered by a commune (Luật Hộ tịch, Điều 17-18) between the person and {@code spousePersonalId}. */
public record MarriageRecord(String spousePersonalId, String registrationUnit, String date, String reason) {
}
