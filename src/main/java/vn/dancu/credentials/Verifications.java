package vn.dancu.credentials;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Service;

/**
 * The server's verifier: the rules of {@link PresentationVerifier}, with the status lists read as a
 * remote verifier reads them (the signed token, checked, then inflated; kept until the token
 * changes). It reads no person's data and records nothing: the presentation carries all it shows.
 */
@Service
class Verifications {

    private record Parsed(String token, StatusBits bits) {
    }

    private final IssuerKeys keys;
    private final StatusLists statusLists;
    private final CredentialSettings settings;
    private final Clock clock;
    private final ConcurrentMap<Integer, Parsed> parsed = new ConcurrentHashMap<>();

    Verifications(IssuerKeys keys, StatusLists statusLists, CredentialSettings settings, Clock clock) {
        this.keys = keys;
        this.statusLists = statusLists;
        this.clock = clock;
        this.settings = settings;
    }

    PresentationVerifier.Verdict verify(String presentation, PresentationVerifier.Expectation expectation) {
        return new PresentationVerifier(settings.issuer(), keys.publicKeys(), this::statusList, clock).verify(presentation, expectation);
    }

    private Optional<StatusBits> statusList(String uri) {
        return statusLists.listId(uri).flatMap(id -> statusLists.token(id).map(token -> {
            Parsed known = parsed.get(id);
            if (known == null || !known.token().equals(token)) {
                known = new Parsed(token, StatusListToken.read(token, uri, keys.publicKeys(), clock.instant()));
                parsed.put(id, known);
            }
            return known.bits();
        }));
    }
}
