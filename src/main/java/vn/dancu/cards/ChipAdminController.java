package vn.dancu.cards;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.identity.CurrentStaff;

/**
 * ADMIN manages the trust store of chip checks (country signing CAs and their revocation lists);
 * AUDITOR reads its record of changes. In demo mode ADMIN also has make-chip's chip images. The
 * receipts' public keys are open to everyone.
 */
@RestController
@Tag(name = "Chip trust store", description = "Country signing CAs and revocation lists for passive authentication (docs/chip.md)")
class ChipAdminController {

    static final String BASE = "/api/v1/admin/cards";

    /** A certificate or a list: PEM, or base64 of the DER. */
    record CscaUpload(String certificate) {
    }

    record CrlUpload(String crl) {
    }

    record DemoChipRequest(String personalId) {
    }

    private final TrustStore trustStore;
    private final DemoChips demoChips;
    private final ChipChecks chips;

    ChipAdminController(TrustStore trustStore, DemoChips demoChips, ChipChecks chips) {
        this.trustStore = trustStore;
        this.demoChips = demoChips;
        this.chips = chips;
    }

    @GetMapping(BASE + "/cscas")
    @Operation(summary = "The country signing CAs, active first, each with its revocation list in force")
    List<TrustStore.CscaView> cscas() {
        return trustStore.cscas();
    }

    @PostMapping(BASE + "/cscas")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Trust a country signing CA: a self-signed CA certificate, PEM or base64 DER")
    TrustStore.CscaView addCsca(@RequestBody CscaUpload body) {
        return trustStore.addCsca(TrustStore.fileOf(body.certificate(), "certificate"), CurrentStaff.require().username());
    }

    @PostMapping(BASE + "/cscas/{id}/deactivate")
    @Operation(summary = "Stop trusting a country signing CA (kept, with who deactivated it and when)")
    TrustStore.CscaView deactivate(@PathVariable long id) {
        return trustStore.deactivate(id, CurrentStaff.require().username());
    }

    @GetMapping(BASE + "/crls")
    List<TrustStore.CrlView> crls() {
        return trustStore.crls();
    }

    @PostMapping(BASE + "/crls")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Load a revocation list signed by a trusted CSCA, newer than the one in force; PEM or base64 DER")
    TrustStore.CrlView addCrl(@RequestBody CrlUpload body) {
        return trustStore.addCrl(TrustStore.fileOf(body.crl(), "crl"), CurrentStaff.require().username());
    }

    @GetMapping(BASE + "/trust-changes")
    @Operation(summary = "Every change to the trust store, newest first (the last 200)")
    List<TrustStore.TrustChange> changes() {
        return trustStore.changes();
    }

    @PostMapping(BASE + "/demo-chips")
    @Operation(summary = "Demo mode only: chip images of a person's current card, genuine and tampered (./dancu cards make-chip)")
    DemoChips.ChipSet demoChips(@RequestBody DemoChipRequest body) {
        return demoChips.make(body.personalId() == null ? "" : body.personalId().strip(), CurrentStaff.require());
    }

    @GetMapping("/api/v1/cards/receipt-keys")
    @Operation(summary = "The public keys (JWKS) that verify chip-check receipts")
    Map<String, Object> receiptKeys() {
        return chips.receiptKeys();
    }
}
