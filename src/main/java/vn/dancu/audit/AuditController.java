package vn.dancu.audit;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/** Inspection of the access log: its integrity (auditors and administrators), searches and anomalies (auditors). */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AccessLogSealer sealer;
    private final AccessLogVerifier verifier;
    private final Inspection inspection;

    AuditController(AccessLogSealer sealer, AccessLogVerifier verifier, Inspection inspection) {
        this.sealer = sealer;
        this.verifier = verifier;
        this.inspection = inspection;
    }

    /** The inspection's own purpose (X-Purpose) is required: the search shows who read whom, and is logged as a read. */
    @GetMapping("/access-log")
    @PreAuthorize("hasRole('AUDITOR')")
    Inspection.Result search(@RequestParam(required = false) String actor, @RequestParam(required = false) String subject,
                             @RequestParam(required = false) String purpose, @RequestParam(required = false) String actorType,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                             @RequestHeader(name = "X-Purpose", required = false) String inspectionPurpose) {
        return inspection.search(new Inspection.Criteria(actor, subject, purpose, actorType, from, to, page, size),
                vn.dancu.platform.HeaderText.decode(inspectionPurpose));
    }

    @GetMapping("/anomalies")
    @PreAuthorize("hasRole('AUDITOR')")
    List<Inspection.Anomaly> anomalies(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return inspection.anomalies(from, to);
    }

    /**
     * Chains what is committed, then checks every row, seal and checkpoint, against the platform's
     * witness journal and the checkpoints the caller holds, if any: {@code {"witness": [checkpoint...]}}.
     */
    @PostMapping("/verifications")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    AccessLogVerifier.Report verify(@RequestBody(required = false) JsonNode body) {
        List<Checkpoint> witnessed = witness(body);
        sealer.sealNow();
        return verifier.verifyWithJournal(witnessed);
    }

    private static List<Checkpoint> witness(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return List.of();
        }
        if (!body.isObject()) {
            throw ApiProblem.badRequest("NOT_AN_OBJECT", "The body, when there is one, is {\"witness\": [checkpoint, ...]}");
        }
        body.propertyNames().stream().filter(name -> !name.equals("witness")).findFirst().ifPresent(name -> {
            throw ApiProblem.invalidField(name, "UNKNOWN_FIELD", "The body has only the field witness");
        });
        JsonNode items = body.path("witness");
        if (!(items.isArray() || items.isMissingNode())) {
            throw ApiProblem.invalidField("witness", "NOT_A_LIST", "witness is a list of checkpoints");
        }
        if (items.size() > MAX_WITNESSED) {
            throw ApiProblem.invalidField("witness", "TOO_MANY", "at most " + MAX_WITNESSED + " checkpoints");
        }
        FieldErrors errors = new FieldErrors();
        List<Checkpoint> checkpoints = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                checkpoints.add(Checkpoint.fromJson(items.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add("witness[" + i + "]", "INVALID_CHECKPOINT", "position, chainHash (64 hex), signedAt and signature");
            }
        }
        errors.throwIfAny();
        return checkpoints;
    }

    /** Two years of checkpoints signed every minute. */
    static final int MAX_WITNESSED = 1_100_000;
}
