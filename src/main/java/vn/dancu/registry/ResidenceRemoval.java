package vn.dancu.registry;

/** The end of a registered residence (Luật Cư trú, Điều 24-25): after a death, a move abroad, a decision. */
public record ResidenceRemoval(String type, String date, String reason) {
}
