package vn.dancu.audit;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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

    /** Chains what is committed, then checks every row, seal and checkpoint. */
    @PostMapping("/verifications")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    AccessLogVerifier.Report verify() {
        sealer.sealNow();
        return verifier.verify();
    }
}
