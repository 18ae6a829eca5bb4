package vn.dancu.registry;

import java.time.LocalDate;

/** An identity card as stored; {@code expiryDate} null for a card valid for life. */
public record Card(long id, String cardNumber, LocalDate issueDate, LocalDate expiryDate, String issuingAuthority,
                   String status) {
}
