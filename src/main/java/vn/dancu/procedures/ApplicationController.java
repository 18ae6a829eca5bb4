package vn.dancu.procedures;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.results.Verdict;

/**
 * Applications over HTTP for officers (lodging at the counter, worklists, decisions) and the
 * public checks of signed results. Citizens lodge through the pages ({@code /eid/procedures}).
 */
@RestController
@Tag(name = "Applications", description = "Applications for the procedures of Appendix I, their legs and signed results")
class ApplicationController {

    private final Applications applications;
    private final Decisions decisions;
    private final Results results;
    private final WorkingCalendar calendar;
    private final ProcedureStatistics statistics;

    private final org.springframework.context.MessageSource messages;

    ApplicationController(Applications applications, Decisions decisions, Results results,
                          WorkingCalendar calendar, ProcedureStatistics statistics, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.statistics = statistics;
        this.applications = applications;
        this.decisions = decisions;
        this.results = results;
        this.calendar = calendar;
    }

    @GetMapping("/api/v1/procedures/{appendixNo}/form")
    @Operation(summary = "The declared form: fields (and which the registry fills) and attachments")
    PublishedForm form(@PathVariable int appendixNo) {
        if (appendixNo < 1 || appendixNo > 25) {
            throw ApiProblem.notFound("PROCEDURE_NOT_FOUND", "Appendix I has no procedure " + appendixNo);
        }
        Forms.Form form = applications.form(appendixNo);
        return new PublishedForm(appendixNo, form.fields().stream().map(f -> new PublishedForm.Field(f.name(),
                        label(f.labelKey(), Procedures.VIETNAMESE), label(f.labelKey(), java.util.Locale.ENGLISH), f.type(), f.required(),
                        f.source(), f.options())).toList(),
                form.attachments().stream().map(a -> new PublishedForm.Attachment(a.kind(), label(a.labelKey(), Procedures.VIETNAMESE),
                        label(a.labelKey(), java.util.Locale.ENGLISH), a.required())).toList());
    }

    /** A form as the API publishes it: the declaration with its labels in both languages. */
    record PublishedForm(int appendixNo, List<Field> fields, List<Attachment> attachments) {

        record Field(String name, String labelVi, String labelEn, Forms.Type type, boolean required, Forms.Source source,
                     List<String> options) {
        }

        record Attachment(String kind, String labelVi, String labelEn, boolean required) {
        }
    }

    private String label(String key, java.util.Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    @GetMapping("/api/v1/procedures/calendar/{year}")
    @Operation(summary = "The holidays and worked Saturdays of a year, which deadlines are counted in")
    List<WorkingCalendar.CalendarDay> calendar(@PathVariable int year) {
        return calendar.year(year);
    }

    @PutMapping("/api/v1/admin/calendar/{day}")
    @Operation(summary = "Record a holiday or a worked Saturday (ADMIN)")
    WorkingCalendar.CalendarDay putDay(@PathVariable String day, @RequestBody WorkingCalendar.CalendarDay body) {
        return calendar.put(day, body.kind(), body.nameVi(), body.nameEn());
    }

    @DeleteMapping("/api/v1/admin/calendar/{day}")
    ResponseEntity<Void> deleteDay(@PathVariable String day) {
        calendar.remove(day);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/procedures/statistics")
    @Operation(summary = "Applications received and completed, on time or late, online or at the counter, fields prefilled (counts only)")
    List<ProcedureStatistics.Row> statistics(@org.springframework.web.bind.annotation.RequestParam String from,
                                             @org.springframework.web.bind.annotation.RequestParam String to) {
        vn.dancu.platform.FieldErrors errors = new vn.dancu.platform.FieldErrors();
        java.time.LocalDate start = errors.date("from", from);
        java.time.LocalDate end = errors.date("to", to);
        errors.throwIfAny();
        return statistics.between(start, end);
    }

    @PostMapping("/api/v1/applications")
    @Operation(summary = "Lodge an application at the counter for the citizen named by applicantPersonalId")
    ResponseEntity<ApplicationViews.View> lodge(@RequestBody Applications.Submission body) {
        ApplicationViews.View view = applications.submit(body,
                new Applications.Counter(CurrentStaff.require(), body == null ? null : body.applicantPersonalId(), AccessLog.Channel.API));
        return ResponseEntity.created(URI.create("/api/v1/applications/" + view.code())).body(view);
    }

    @GetMapping("/api/v1/applications/{code}")
    @Operation(summary = "An application with its legs, steps, results and warnings for the officer (access-logged)")
    ApplicationViews.View application(@PathVariable String code) {
        ApplicationViews.View view = decisions.forOfficer(code, AccessLog.Channel.API);
        return view.withWarnings(decisions.warnings(view, AccessLog.Channel.API));
    }

    @GetMapping("/api/v1/worklist")
    @Operation(summary = "The pending legs of the officer's agency in their jurisdiction, escalated first")
    List<Decisions.WorkItem> worklist() {
        return decisions.worklist(AccessLog.Channel.API);
    }

    @PostMapping("/api/v1/applications/{code}/legs/{legNo}/decision")
    @Operation(summary = "Approve (changes the registry and issues the signed result) or reject a leg")
    ApplicationViews.View decide(@PathVariable String code, @PathVariable int legNo, @RequestBody Decisions.Decision body) {
        return decisions.decide(code, legNo, body, AccessLog.Channel.API);
    }

    @GetMapping("/api/v1/applications/{code}/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable String code, @PathVariable long id) {
        Decisions.Attachment file = decisions.attachment(code, id, AccessLog.Channel.API);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType())).body(file.content());
    }

    @GetMapping("/api/v1/results/{id}/pdf")
    @Operation(summary = "A signed result as PDF, for the officers of its application")
    ResponseEntity<byte[]> resultPdf(@PathVariable String id) {
        UUID resultId = readableResult(id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(results.pdf(resultId).orElseThrow());
    }

    @GetMapping("/api/v1/results/{id}/jws")
    @Operation(summary = "A signed result as the JWS of its JSON record, for the officers of its application")
    ResponseEntity<String> resultJws(@PathVariable String id) {
        UUID resultId = readableResult(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/jose")).body(results.jws(resultId).orElseThrow());
    }

    private UUID readableResult(String id) {
        UUID resultId = ProcedurePages.parseUuid(id).orElseThrow(() -> ApiProblem.notFound("RESULT_NOT_FOUND", "No result " + id));
        Results.Result result = results.find(resultId).orElseThrow(() -> ApiProblem.notFound("RESULT_NOT_FOUND", "No result " + id));
        decisions.forOfficer(result.applicationCode(), AccessLog.Channel.API);
        return resultId;
    }

    @PostMapping(path = "/api/v1/verify", consumes = {MediaType.APPLICATION_PDF_VALUE, "application/jose", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Check a signed result (the PDF, or the JWS of the JSON record): anyone may")
    Verdict verify(jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        // Anyone may call this: the body is read up to the limit, never whole into memory first.
        byte[] content = request.getInputStream().readNBytes(Results.MAX_CHECKED_BYTES + 1);
        if (content.length > Results.MAX_CHECKED_BYTES) {
            throw new ApiProblem(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, "FILE_TOO_LARGE",
                    "A signed result is at most 10 MiB");
        }
        if (content.length == 0) {
            throw ApiProblem.badRequest("FILE_EMPTY", "Send the PDF or the JWS as the request body");
        }
        return results.verify(content);
    }


}
