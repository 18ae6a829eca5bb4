package vn.dancu.registry;

/** An identity card to issue, as it arrives from outside; its expiry follows {@link CardValidityPolicy}. */
public record CardIssue(String issueDate, String issuingAuthority, String reason) {
}
