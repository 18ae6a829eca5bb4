package vn.dancu.wallet;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One thing a citizen holds in the wallet (ví giấy tờ): the identity card, an integrated document
 * that an agency keeps in the registry, or the signed result of a procedure.
 *
 * <p>{@code id} is stable for as long as the thing exists and safe in a URL path segment:
 * <ul>
 *   <li>{@code card:<card number>:<issue date, ISO 8601>} — an identity card: its number is the personal ID number
 *       on every card the person gets, the issue date tells them apart (the wallet lists the card in use;
 *       {@link Wallet#item} also answers for the person's earlier cards, with status {@link Status#REPLACED});</li>
 *   <li>{@code document:<DocumentKind>:<number in base64url, no padding>} — a registry document (a number
 *       may hold spaces, letters with diacritics or a slash, so it is encoded);</li>
 *   <li>{@code result:<result uuid>} — a procedure's signed result (one application may have several).</li>
 * </ul>
 *
 * <p>{@code type} is {@code ID_CARD} for the card, the {@link vn.dancu.registry.DocumentKind} name for
 * a document, and the result's kind (e.g. {@code BIRTH}, {@code CHILD_HEALTH_INSURANCE}) for a result.
 * Pages show it with the message key {@code document.kind.<type>} or {@code result.<type>}.
 *
 * <p>{@code claims} are the item's fields under stable names (snake_case, as OpenID Connect and SD-JWT VC
 * name them); the names each type may carry are fixed and listed by {@link Claims#of}. Every value is a
 * string as the registry holds it; dates are ISO 8601 ({@code 2026-12-31}). A claim whose value the
 * registry does not hold is absent, never empty. {@code docs/wallet.md} lists every name with its source.
 *
 * <p>{@code validUntil} null: valid without end date. {@code status} is decided by {@link ItemStatus}.
 */
public record WalletItem(String id, Kind kind, String type, Map<String, Object> claims, Source source,
                         LocalDate validFrom, LocalDate validUntil, Status status) {

    public WalletItem {
        // in the order of Claims.of, which files and pages keep
        claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }

    public enum Kind { ID_CARD, DOCUMENT, RESULT }

    /**
     * VALID: in force today. EXPIRED: its validity ended before today. REPLACED: a newer card or
     * document took its place. WITHDRAWN: revoked by its issuer (a revoked card, a document the agency
     * ended or withdrew before its term).
     */
    public enum Status { VALID, EXPIRED, REPLACED, WITHDRAWN }

    /**
     * Who issued it. {@code code}: the member's code or the agency's name as the registry stores a
     * document's source, {@code POLICE} for the card (its issuing authority is in {@code name}), the
     * procedures' agency code (e.g. {@code SOCIAL_INSURANCE}) for a result. {@code name}: its name to
     * show, in Vietnamese (agencies' names are proper names). {@code messageKey}: a key of
     * messages*.properties that names it in the page's language, or null when {@code name} is all there is.
     */
    public record Source(String code, String name, String messageKey) {
    }

    /** The claim names this item's type may carry, in the order pages show them. */
    public List<String> claimNames() {
        return Claims.of(kind, type);
    }

    /** Its claim names without the holder's (number, name, date of birth), which a page shows once, with the card. */
    public List<String> ownClaimNames() {
        return kind == Kind.ID_CARD ? claimNames() : claimNames().stream().filter(n -> !Claims.HOLDER.contains(n)).toList();
    }

    /** The claim's value as text, or null when the item does not carry it. */
    public String claim(String name) {
        Object value = claims.get(name);
        return value == null ? null : value.toString();
    }
}
