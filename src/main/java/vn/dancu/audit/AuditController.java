package vn.dancu.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Inspection of the access log's integrity, for auditors and administrators. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AccessLogSealer sealer;
    private final AccessLogVerifier verifier;

    AuditController(AccessLogSealer sealer, AccessLogVerifier verifier) {
        this.sealer = sealer;
        this.verifier = verifier;
    }

    /** Chains what is committed, then checks every row, seal and checkpoint. */
    @PostMapping("/verifications")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    AccessLogVerifier.Report verify() {
        sealer.sealNow();
        return verifier.verify();
    }
}
