package vn.dancu.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.eid.RelyingParties;
import vn.dancu.platform.ApiProblem;

/** ADMIN manages the members of the data exchange, their policies and API clients; AUDITOR reads statements too. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Data exchange administration")
class MemberAdminController {

    private final Members members;
    private final Metering metering;
    private final Products products;

    MemberAdminController(Members members, Metering metering, Products products) {
        this.members = members;
        this.metering = metering;
        this.products = products;
    }

    @GetMapping("/members")
    List<Members.MemberView> list() {
        return members.list();
    }

    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register an agency or a business")
    Members.MemberView create(@RequestBody Members.MemberForm body) {
        return members.create(body);
    }

    @GetMapping("/members/{code}")
    Members.MemberView get(@PathVariable String code) {
        return members.get(code);
    }

    @PutMapping("/members/{code}")
    @Operation(summary = "Change a member (name, sector, state, document kinds); If-Match carries the version read")
    Members.MemberView update(@PathVariable String code, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                              @RequestBody Members.MemberForm body) {
        String version = ifMatch == null ? "" : ifMatch.replace("\"", "").strip();
        if (!version.matches("[0-9]{1,9}")) {
            throw new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, "VERSION_REQUIRED", "Send If-Match with the version you read");
        }
        return members.update(code, body, Integer.parseInt(version));
    }

    @GetMapping("/members/{code}/policies")
    @Operation(summary = "Every version of the member's policy, newest first")
    List<Members.Policy> policies(@PathVariable String code) {
        return members.policyHistory(code);
    }

    @PostMapping("/members/{code}/policies")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A new version of the member's policy; the one in force closes")
    Members.Policy newPolicy(@PathVariable String code, @RequestBody Members.PolicyForm body) {
        return members.newPolicy(code, body);
    }

    @PostMapping("/members/{code}/clients")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A new API client of the identity provider for the member (client_credentials); the secret is shown once")
    RelyingParties.ClientView addClient(@PathVariable String code, @RequestBody(required = false) Members.ClientForm body) {
        return members.addClient(code, body == null ? new Members.ClientForm(null, null, null) : body);
    }

    @PutMapping("/members/{code}/clients/{clientId}")
    @Operation(summary = "Link a client already registered at the provider (a relying party asking for share: scopes) to the member")
    Members.MemberView linkClient(@PathVariable String code, @PathVariable String clientId) {
        return members.linkClient(code, clientId);
    }

    @GetMapping("/members/{code}/usage")
    Metering.Statement usage(@PathVariable String code, @RequestParam(required = false) String month) {
        return metering.statement(members.get(code).member(), month);
    }

    @GetMapping("/products")
    @Operation(summary = "The data products with the fields and fee in force today")
    List<Products.Version> products() {
        return products.all(metering.today());
    }
}
