package vn.dancu.eid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scopes a relying party may ask for and the claims each brings (their names on pages: {@code eid.claim.*} messages). */
final class OidcClaims {

    static final Map<String, List<String>> CLAIMS_OF_SCOPE = new LinkedHashMap<>();

    static {
        CLAIMS_OF_SCOPE.put("openid", List.of());
        CLAIMS_OF_SCOPE.put("profile", List.of("name", "family_name", "given_name", "birthdate", "gender"));
        CLAIMS_OF_SCOPE.put("address", List.of("address"));
        CLAIMS_OF_SCOPE.put("phone", List.of("phone_number"));
        CLAIMS_OF_SCOPE.put("personal_id", List.of("personal_id_number"));
        CLAIMS_OF_SCOPE.put("household", List.of("household"));
        // Not a claim: the right to read, with the citizen's token, who used the citizen's data (/api/v1/me/access-log).
        CLAIMS_OF_SCOPE.put(CitizenBearerTokens.SCOPE, List.of());
    }

    static final Set<String> USER_SCOPES = CLAIMS_OF_SCOPE.keySet();
    static final Set<String> CLAIMS = CLAIMS_OF_SCOPE.values().stream().flatMap(List::stream)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private OidcClaims() {
    }

    /** The claims a login releases: those of the granted scopes that the relying party's registration allows. */
    static List<String> released(java.util.Collection<String> scopes, java.util.Collection<String> allowed) {
        return scopes.stream().flatMap(s -> CLAIMS_OF_SCOPE.getOrDefault(s, List.of()).stream())
                .filter(allowed::contains).distinct().toList();
    }
}
