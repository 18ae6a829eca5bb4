package vn.dancu.eid;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.platform.ApiProblem;

/**
 * Staff APIs of the e-ID system: the counter officer's level-2 activation and account states,
 * and ADMIN's register of relying parties and the provider's signing keys.
 */
@RestController
@RequestMapping("/api/v1")
class EidApiController {

    record Level2Activation(String evidenceRef, String phone) {
    }

    record StateChange(String state, String reason) {
    }

    /** The new key is in the JWKS now and signs after the activation delay. */
    record KeyRotation(String newKid) {
    }

    private final CitizenAccounts accounts;
    private final RelyingParties relyingParties;
    private final SigningKeys keys;

    EidApiController(CitizenAccounts accounts, RelyingParties relyingParties, SigningKeys keys) {
        this.accounts = accounts;
        this.relyingParties = relyingParties;
        this.keys = keys;
    }

    @PostMapping("/eid/accounts/{personalId}/level2")
    CitizenAccounts.AccountView activateLevel2(@PathVariable String personalId, @RequestBody(required = false) Level2Activation body) {
        Level2Activation b = body == null ? new Level2Activation(null, null) : body;
        return accounts.activateLevel2(personalId, b.evidenceRef(), b.phone());
    }

    @GetMapping("/eid/accounts/{personalId}")
    CitizenAccounts.AccountView account(@PathVariable String personalId) {
        return accounts.status(personalId);
    }

    @PostMapping("/eid/accounts/{personalId}/state")
    CitizenAccounts.AccountView changeState(@PathVariable String personalId, @RequestBody(required = false) StateChange body) {
        StateChange b = body == null ? new StateChange(null, null) : body;
        return accounts.changeState(personalId, b.state(), b.reason());
    }

    // --- relying parties (ADMIN)

    @GetMapping("/admin/relying-parties")
    List<RelyingParties.ClientView> relyingParties() {
        return relyingParties.list();
    }

    @PostMapping("/admin/relying-parties")
    @ResponseStatus(HttpStatus.CREATED)
    RelyingParties.ClientView register(@RequestBody(required = false) RelyingParties.Registration body) {
        return relyingParties.register(require(body));
    }

    @GetMapping("/admin/relying-parties/{clientId}")
    RelyingParties.ClientView relyingParty(@PathVariable String clientId) {
        return relyingParties.get(clientId);
    }

    /** Changes need the version read before ({@code If-Match}), so that two administrators do not overwrite each other. */
    @PutMapping("/admin/relying-parties/{clientId}")
    RelyingParties.ClientView update(@PathVariable String clientId, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @RequestBody(required = false) RelyingParties.Registration body) {
        if (ifMatch == null || !ifMatch.replace("\"", "").strip().matches("[0-9]{1,9}")) {
            throw new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, "VERSION_REQUIRED",
                    "Send If-Match with the version you read (the version field)");
        }
        return relyingParties.update(clientId, require(body), Integer.parseInt(ifMatch.replace("\"", "").strip()));
    }

    @PostMapping("/admin/relying-parties/{clientId}/secret")
    RelyingParties.ClientView newSecret(@PathVariable String clientId) {
        return relyingParties.newSecret(clientId);
    }

    // --- signing keys (ADMIN)

    @GetMapping("/admin/oidc/keys")
    List<SigningKeys.KeyInfo> keys() {
        return keys.keys();
    }

    @PostMapping("/admin/oidc/keys/rotate")
    KeyRotation rotate() {
        return new KeyRotation(keys.rotate());
    }

    private static RelyingParties.Registration require(RelyingParties.Registration body) {
        if (body == null) {
            throw ApiProblem.badRequest("BODY_REQUIRED", "Send the client's registration as JSON");
        }
        return body;
    }
}
