package vn.dancu.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.Document;
import vn.dancu.registry.Registry;

/** The members' API: checks, queries, events, webhooks, reconciliation, sector documents and the statement. */
@RestController
@RequestMapping(ExchangeSecurityConfiguration.BASE)
@Tag(name = "Data exchange", description = "For members (agencies and businesses) with an API client's bearer token")
class ExchangeController {

    private static final String CALLER = ExchangeSecurityConfiguration.CALLER;

    private final VerificationBatcher verifications;
    private final PersonQueries queries;
    private final ChangeEvents events;
    private final Webhooks webhooks;
    private final Reconciliations reconciliations;
    private final DataConsents consents;
    private final Metering metering;
    private final Policies policies;
    private final Products products;
    private final SectorDocuments documents;
    private final WebhookSigner signer;

    ExchangeController(VerificationBatcher verifications, PersonQueries queries, ChangeEvents events, Webhooks webhooks,
                       Reconciliations reconciliations, DataConsents consents, Metering metering, Policies policies,
                       Products products, SectorDocuments documents, WebhookSigner signer) {
        this.verifications = verifications;
        this.queries = queries;
        this.events = events;
        this.webhooks = webhooks;
        this.reconciliations = reconciliations;
        this.consents = consents;
        this.metering = metering;
        this.policies = policies;
        this.products = products;
        this.documents = documents;
        this.signer = signer;
    }

    record Profile(String code, String name, String kind, Members.Policy policy, List<Products.Version> products,
                   List<String> eventTypes) {
    }

    @GetMapping("/me")
    @Operation(summary = "The calling member, its policy in force and the products with today's fees")
    Profile me(@RequestAttribute(CALLER) Members.Caller caller) {
        return new Profile(caller.member().code(), caller.member().name(), caller.member().kind(), caller.policy(),
                products.all(metering.today()).stream().filter(p -> caller.policy().products().contains(p.code())).toList(),
                ChangeEvents.typesFor(caller.policy()));
    }

    @PostMapping("/verify")
    @Operation(summary = "Yes or no per submitted attribute, whether the person is alive and the card valid; returns no data")
    Verification.Answer verify(@RequestAttribute(CALLER) Members.Caller caller, @RequestBody Verification.Request body) {
        Verification.Checked check = Verification.check(body, caller.policy(), policies.purposeCodes());
        policies.requirePurpose(caller, check.purposeCode());
        policies.requireProduct(caller, Verification.PRODUCT);
        if (caller.policy().consentRequired()) {
            if (check.number().length() != 12) {
                throw ApiProblem.invalidField("personalId", "PERSONAL_ID_REQUIRED",
                        "Consent is given under the personal ID number; check with it");
            }
            consents.require(caller, check.number(), List.of(Verification.PRODUCT), check.purposeCode());
        }
        // counted against the daily quota in the batch that answers it (VerificationBatcher)
        return verifications.verify(caller, check);
    }

    @PostMapping("/persons/query")
    @Operation(summary = "The fields of the requested products, each with its source and last change")
    PersonQueries.Answer query(@RequestAttribute(CALLER) Members.Caller caller, @RequestBody PersonQueries.Request body) {
        return queries.query(caller, body);
    }

    @GetMapping("/events")
    @Operation(summary = "Registry changes after a position, ordered and filtered to the member's policy")
    ChangeEvents.Page events(@RequestAttribute(CALLER) Members.Caller caller, @RequestParam(defaultValue = "0") long after,
                             @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String purpose,
                             @RequestParam(required = false) String purposeDetail) {
        return events.read(caller, after, limit, purpose, purposeDetail);
    }

    @PostMapping("/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a URL that receives signed event deliveries")
    Webhooks.Webhook register(@RequestAttribute(CALLER) Members.Caller caller, @RequestBody Webhooks.Form body) {
        return webhooks.register(caller, body);
    }

    @GetMapping("/webhooks")
    List<Webhooks.Webhook> webhooks(@RequestAttribute(CALLER) Members.Caller caller) {
        return webhooks.list(caller);
    }

    @DeleteMapping("/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deactivate(@RequestAttribute(CALLER) Members.Caller caller, @PathVariable long id) {
        webhooks.deactivate(caller, id);
    }

    @GetMapping("/webhooks/{id}/deliveries")
    @Operation(summary = "Deliveries of a webhook; state=DEAD is the dead-letter view")
    List<Webhooks.Delivery> deliveries(@RequestAttribute(CALLER) Members.Caller caller, @PathVariable long id,
                                       @RequestParam(required = false) String state, @RequestParam(defaultValue = "0") long after,
                                       @RequestParam(defaultValue = "100") int limit) {
        return webhooks.deliveries(caller, id, state, after, limit);
    }

    @PostMapping("/webhooks/{id}/deliveries/{deliveryId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Deliver a dead delivery again")
    void retry(@RequestAttribute(CALLER) Members.Caller caller, @PathVariable long id, @PathVariable long deliveryId) {
        webhooks.retry(caller, id, deliveryId);
    }

    @GetMapping("/jwks")
    @Operation(summary = "The public keys that sign webhook deliveries")
    Map<String, Object> jwks() {
        return signer.publicKeys();
    }

    @PostMapping(value = "/reconciliations", consumes = {"text/csv", "application/x-ndjson", "application/jsonl",
            "application/x-jsonlines"})
    @Operation(summary = "Upload records (CSV with a header row, or JSON lines) to compare with the registry")
    ResponseEntity<Reconciliations.Job> reconcile(@RequestAttribute(CALLER) Members.Caller caller, HttpServletRequest request,
                                                  @RequestParam(required = false) String purpose,
                                                  @RequestParam(required = false) String caseRef) throws IOException {
        Reconciliations.Job job = reconciliations.submit(caller, request.getContentType(), request.getInputStream(), purpose, caseRef);
        return ResponseEntity.accepted().header("Location", ExchangeSecurityConfiguration.BASE + "/reconciliations/" + job.id()).body(job);
    }

    @GetMapping("/reconciliations/{id}")
    @Operation(summary = "A reconciliation job and its progress")
    Reconciliations.Job reconciliation(@RequestAttribute(CALLER) Members.Caller caller, @PathVariable long id) {
        return reconciliations.job(caller, id);
    }

    @GetMapping("/reconciliations/{id}/results")
    List<Reconciliations.Result> results(@RequestAttribute(CALLER) Members.Caller caller, @PathVariable long id,
                                         @RequestParam(required = false) String outcome, @RequestParam(defaultValue = "0") long after,
                                         @RequestParam(defaultValue = "1000") int limit) {
        return reconciliations.results(caller, id, outcome, after, limit);
    }

    @GetMapping(value = "/reconciliations/{id}/report", produces = "text/csv")
    void report(@RequestAttribute(CALLER) Members.Caller caller, @PathVariable long id, HttpServletResponse response) throws IOException {
        reconciliations.job(caller, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"reconciliation-" + id + ".csv\"");
        try (Writer out = response.getWriter()) {
            reconciliations.writeReport(caller, id, out);
        }
    }

    @PostMapping("/documents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Push a sector record the member owns into the person's integrated documents")
    Document push(@RequestAttribute(CALLER) Members.Caller caller, @RequestBody SectorDocuments.Push body) {
        return documents.push(caller, body);
    }

    @GetMapping("/usage")
    @Operation(summary = "The member's statement for a month: calls, fields returned and fees")
    Metering.Statement usage(@RequestAttribute(CALLER) Members.Caller caller, @RequestParam(required = false) String month) {
        return metering.statement(caller.member(), month);
    }
}
