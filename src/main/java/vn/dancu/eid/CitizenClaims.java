package vn.dancu.eid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.SecretBox;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.ResidenceType;

/**
 * The claims a relying party receives about a citizen: a pairwise subject per sector, and the
 * registry data of the granted scopes that its registration allows. Every release is a read of
 * the person's data by that relying party and is written to the access log in the same
 * transaction, with the relying party's stated purpose.
 */
@Service
class CitizenClaims {

    private static final Map<String, String> REGISTRY_FIELD = Map.of("name", "fullName", "family_name", "fullName",
            "given_name", "fullName", "birthdate", "dateOfBirth", "gender", "gender", "address", "residences",
            "phone_number", "phone", "personal_id_number", "personalId", "household", "household");

    private final CitizenAccountRepository accounts;
    private final PersonFinder finder;
    private final byte[] pairwiseSalt;

    CitizenClaims(CitizenAccountRepository accounts, PersonFinder finder, JdbcClient jdbc, SecretBox secrets) {
        this.accounts = accounts;
        this.finder = finder;
        this.pairwiseSalt = salt(jdbc, secrets);
    }

    /** The same person gets the same subject at every relying party of a sector, and unrelated ones elsewhere. */
    String subject(String personalId, String sector) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pairwiseSalt, "HmacSHA256"));
            byte[] digest = mac.doFinal((sector + "|" + personalId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String subject(long accountId, RelyingParty rp) {
        return subject(accounts.find(accountId).orElseThrow().personalId(), rp.sector());
    }

    /** The released claims (sub included), logged as a read by the relying party. */
    @Transactional
    Map<String, Object> release(long accountId, RelyingParty rp, Collection<String> scopes) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        List<String> claims = OidcClaims.released(scopes, rp.claims());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sub", subject(account.personalId(), rp.sector()));
        if (claims.isEmpty()) {
            return out;
        }
        Set<String> fields = new LinkedHashSet<>();
        claims.forEach(c -> fields.add(REGISTRY_FIELD.get(c)));
        PersonFinder.PersonView p = finder.readFor(account.personalId(), new PersonFinder.Requester(AccessLog.ActorType.MEMBER,
                        rp.clientId(), rp.purpose(), AccessLog.Channel.OIDC), List.copyOf(fields))
                .orElseThrow(() -> new IllegalStateException("An account's person is missing from the registry"));
        String[] words = p.fullName().split(" ");
        for (String claim : claims) {
            switch (claim) {
                case "name" -> out.put("name", p.fullName());
                case "family_name" -> out.put("family_name", words[0]);
                case "given_name" -> out.put("given_name", words[words.length - 1]);
                case "birthdate" -> out.put("birthdate", p.dateOfBirth().toString());
                case "gender" -> out.put("gender", "MALE".equals(p.gender()) ? "male" : "female");
                case "address" -> address(p).ifPresent(a -> out.put("address", a));
                case "phone_number" -> {
                    if (account.phone() != null) {
                        out.put("phone_number", "+84" + account.phone().substring(1));
                        out.put("phone_number_verified", account.phoneConfirmedAt() != null);
                    }
                }
                case "personal_id_number" -> out.put("personal_id_number", p.personalId());
                case "household" -> household(p).ifPresent(h -> out.put("household", h));
                default -> {
                }
            }
        }
        return out;
    }

    /** The permanent residence (thường trú), or where the person lives now when they have none. */
    private static java.util.Optional<Map<String, Object>> address(PersonFinder.PersonView p) {
        PersonFinder.ResidenceView r = p.residences().stream().filter(x -> x.open() && ResidenceType.PERMANENT.name().equals(x.type())).findFirst()
                .orElse(p.currentResidence());
        if (r == null) {
            return java.util.Optional.empty();
        }
        Map<String, Object> address = new LinkedHashMap<>();
        String locality = r.unit() == null ? null : r.unit().name();
        String region = r.province() == null ? null : r.province().name();
        address.put("formatted", r.formatted());
        if (r.addressLine() != null) {
            address.put("street_address", r.addressLine());
        }
        if (locality != null) {
            address.put("locality", locality);
        }
        if (region != null) {
            address.put("region", region);
        }
        address.put("country", "VN");
        return java.util.Optional.of(address);
    }

    private static java.util.Optional<Map<String, Object>> household(PersonFinder.PersonView p) {
        if (p.household() == null) {
            return java.util.Optional.empty();
        }
        Map<String, Object> household = new LinkedHashMap<>();
        household.put("id", String.valueOf(p.household().id()));
        household.put("relationship_to_head", p.relationshipToHead());
        household.put("address", p.household().addressLine());
        household.put("members", p.household().members().stream()
                .map(m -> Map.of("name", m.fullName(), "relationship_to_head", m.relationship())).toList());
        return java.util.Optional.of(household);
    }

    private static byte[] salt(JdbcClient jdbc, SecretBox secrets) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into eid.platform_secret (name, value) values ('pairwise-salt', ?) on conflict (name) do nothing")
                .param(secrets.seal(fresh)).update();
        return secrets.open(jdbc.sql("select value from eid.platform_secret where name = 'pairwise-salt'").query(byte[].class).single());
    }
}
