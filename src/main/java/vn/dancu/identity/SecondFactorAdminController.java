package vn.dancu.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A staff member's second factors as administrators (reset) and auditors (read) see them. */
@RestController
@RequestMapping("/api/v1/admin/staff/{username}/second-factors")
@Tag(name = "Staff second factors", description = "A staff member's second factors and their history; the reset of a lost factor")
class SecondFactorAdminController {

    private final SecondFactors factors;

    SecondFactorAdminController(SecondFactors factors) {
        this.factors = factors;
    }

    record Reset(String reason) {
    }

    record ResetDone(String username, int removed) {
    }

    /** Passkeys without their credential ids: those are the staff member's, not the administrators'. */
    record Factors(String username, boolean totp, Instant totpSince, List<Passkey> passkeys, boolean required,
                   List<SecondFactors.FactorEvent> history) {
    }

    record Passkey(String label, Instant createdAt, Instant lastUsedAt) {
    }

    @GetMapping
    @Operation(summary = "The staff member's second factors and every change to them (who, when, why)")
    Factors get(@PathVariable String username) {
        SecondFactors.State state = factors.state(username);
        return new Factors(username.strip().toLowerCase(java.util.Locale.ROOT), state.totp(), state.totpSince(),
                state.passkeys().stream().map(p -> new Passkey(p.label(), p.createdAt(), p.lastUsedAt())).toList(),
                state.required(), factors.history(username));
    }

    @DeleteMapping
    @Operation(summary = "Reset: remove all second factors of another staff member (lost phone or key); "
            + "the next login enrols a new one. Body: {\"reason\": \"...\"}, required; recorded")
    ResetDone reset(@PathVariable String username, @RequestBody(required = false) Reset body) {
        int removed = factors.reset(username, body == null ? null : body.reason());
        return new ResetDone(username.strip().toLowerCase(java.util.Locale.ROOT), removed);
    }
}
