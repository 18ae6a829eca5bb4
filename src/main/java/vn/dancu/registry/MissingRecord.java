package vn.dancu.registry;

/** A person declared missing (Bộ luật Dân sự, Điều 68), as it arrives from outside. */
public record MissingRecord(String dateMissing, String sourceDocument, String reason) {
}
