package vn.dancu.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.exchange.MemberCalls;
import vn.dancu.platform.ProblemResponses;

/** The open statistics API (docs/api/statistics-v1.md): members' tables under policy, public noisy tables. */
@RestController
@Tag(name = "Open statistics", description = "Population tables by unit and dimension, with small cells withheld: exact for "
        + "agencies, with noise for research and for everyone")
class StatisticsController {

    private final OpenStatistics open;
    private final MemberCalls calls;

    StatisticsController(OpenStatistics open, MemberCalls calls) {
        this.open = open;
        this.calls = calls;
    }

    @GetMapping(StatisticsSecurityConfiguration.MEMBERS + "/tables")
    @Operation(summary = "The tables a member may ask for, the threshold k, ε per noisy table and the member's privacy budget")
    OpenStatistics.Catalogue catalogue(HttpServletRequest request) {
        return open.catalogue(calls.caller(request));
    }

    @GetMapping(StatisticsSecurityConfiguration.MEMBERS + "/tables/{dimension}")
    @Operation(summary = "A table of the provinces of the nation or the communes of a province (unit) by a dimension, with totals; "
            + "release OFFICIAL (agencies: exact, small cells withheld) or RESEARCH (noisy, charged to the privacy budget)")
    OpenStatistics.Answer table(HttpServletRequest request, @PathVariable String dimension,
                                @RequestParam(required = false) String unit, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to, @RequestParam(required = false) String release,
                                @RequestParam(required = false) String purpose) {
        return open.member(calls.caller(request), new OpenStatistics.Ask(dimension, unit, from, to, release, purpose));
    }

    @GetMapping(StatisticsSecurityConfiguration.MEMBERS + "/budget")
    @Operation(summary = "The member's privacy budget this month: ε budgeted, spent and remaining")
    PrivacyBudget.Standing budget(HttpServletRequest request) {
        return open.standing(calls.caller(request));
    }

    @GetMapping(StatisticsSecurityConfiguration.PUBLIC + "/tables")
    @Operation(summary = "The tables released to everyone, with noise", security = {})
    OpenStatistics.Catalogue publicCatalogue() {
        return open.publicCatalogue();
    }

    @GetMapping(StatisticsSecurityConfiguration.PUBLIC + "/tables/{dimension}")
    @Operation(summary = "A noisy table with small cells withheld, released once a month and served as released", security = {})
    OpenTables.Table publicTable(@PathVariable String dimension, @RequestParam(required = false) String unit,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return open.open(dimension, unit, from, to);
    }

    /** The refusal names what is left of the budget, for a client to plan its next questions. */
    @ExceptionHandler(PrivacyBudget.Exhausted.class)
    ResponseEntity<ProblemDetail> exhausted(PrivacyBudget.Exhausted e, HttpServletRequest request) {
        ProblemDetail body = ProblemResponses.body(HttpStatus.TOO_MANY_REQUESTS, e.code(), e.getMessage(), e.errors(), request.getRequestURI());
        body.setProperty("period", e.standing.period());
        body.setProperty("budget", e.standing.budget());
        body.setProperty("spent", e.standing.spent());
        body.setProperty("remaining", e.standing.remaining());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", Long.toString(open.secondsToNextPeriod())).body(body);
    }
}
