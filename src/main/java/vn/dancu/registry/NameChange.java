package vn.dancu.registry;

/** A change of name (Luật Hộ tịch, Điều 26-28): the decision that allows it is the source document. */
public record NameChange(String fullName, String sourceDocument, String reason) {
}
