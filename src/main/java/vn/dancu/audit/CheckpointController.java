package vn.dancu.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * The access log's signed checkpoints, published to anyone: they hold no personal data, and every
 * copy kept elsewhere is a witness that the chain once reached a position with a hash (the way
 * Certificate Transparency logs are watched by others). {@code ./dancu audit witness} keeps one.
 */
@RestController
@RequestMapping("/api/v1/audit/checkpoints")
class CheckpointController {

    record Page(List<Checkpoint> items, boolean hasMore) {
    }

    record Key(String algorithm, String publicKey, String signedText) {
    }

    private final Checkpoints checkpoints;

    CheckpointController(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @GetMapping("/latest")
    Checkpoint latest() {
        return checkpoints.latest().orElseThrow(() -> ApiProblem.notFound("NO_CHECKPOINT_YET",
                "No checkpoint has been signed yet: the first comes within a minute of the first read"));
    }

    /** Oldest first; page on with the last position given as {@code after}. */
    @GetMapping
    Page after(@RequestParam(defaultValue = "0") String after, @RequestParam(defaultValue = "100") String limit) {
        FieldErrors errors = new FieldErrors();
        long from = number(errors, "after", after, 0, Long.MAX_VALUE);
        long size = number(errors, "limit", limit, 1, Checkpoints.MAX_PAGE);
        errors.throwIfAny();
        List<Checkpoint> items = checkpoints.after(from, (int) size + 1);
        boolean more = items.size() > size;
        return new Page(more ? items.subList(0, (int) size) : items, more);
    }

    @GetMapping("/key")
    Key key() {
        return new Key("Ed25519", checkpoints.publicKey(), "position|chainHash|signedAt");
    }

    private static long number(FieldErrors errors, String field, String text, long min, long max) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, "OUT_OF_RANGE", "a whole number from " + min + " to " + max);
        return min;
    }
}
