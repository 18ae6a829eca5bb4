package vn.dancu.registry;

/** A residence to register (Luật Cư trú 2020), as it arrives from outside; {@code type} is a {@link ResidenceType} name. */
public record ResidenceRegistration(String type, String unit, String addressLine, String from, String to, String reason) {
}
