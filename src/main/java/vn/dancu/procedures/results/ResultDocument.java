package vn.dancu.procedures.results;

import vn.dancu.procedures.Agency;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.UUID;

/**
 * The outcome of a procedure as the citizen receives it, before signing: {@code fields} maps Vietnamese labels to
 * values, shown in this order in the PDF and in the JSON record.
 */
public record ResultDocument(UUID id, String kind, String titleVi, String titleEn, String agency, String issuerName,
                             String personalId, Instant issuedAt, String applicationCode, LinkedHashMap<String, String> fields) {

    public ResultDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(titleVi, "titleVi");
        Objects.requireNonNull(titleEn, "titleEn");
        Objects.requireNonNull(issuerName, "issuerName");
        Objects.requireNonNull(personalId, "personalId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(applicationCode, "applicationCode");
        if (Agency.of(agency).isEmpty()) {
            throw new IllegalArgumentException("Not an agency that signs results: " + agency);
        }
        // A copy, so that what was signed cannot change under the caller's map.
        fields = new LinkedHashMap<>(Objects.requireNonNull(fields, "fields"));
    }
}
