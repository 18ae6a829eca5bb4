package vn.dancu.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.platform.ApiProblem;

/**
 * ADMIN administers staff accounts; AUDITOR reads the record of changes too. Every change states
 * its reason. docs/staff-administration.md describes the rules and codes.
 */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Staff administration", description = "Staff accounts: create, change, disable, reset passwords, import a province's officers")
class StaffAdminController {

    private final StaffAdministration administration;
    private final StaffImport imports;

    StaffAdminController(StaffAdministration administration, StaffImport imports) {
        this.administration = administration;
        this.imports = imports;
    }

    @GetMapping("/staff")
    @Operation(summary = "Find staff accounts by username or name (without diacritics), role, unit (and what lies inside it) and state")
    StaffAdministration.Page<StaffAdministration.StaffView> search(
            @RequestParam(required = false) String q, @RequestParam(required = false) String role,
            @Parameter(description = "A unit code: 2 digits a province, 5 a commune") @RequestParam(required = false) String unit,
            @Parameter(description = "true or false") @RequestParam(required = false) String enabled,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return administration.search(q, role, unit, enabled, page, size);
    }

    @PostMapping("/staff")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a staff account; its one-time password is answered once and must be changed at the first login")
    StaffAdministration.Created create(@RequestBody StaffAdministration.NewStaff body) {
        return administration.create(CurrentStaff.require(), body);
    }

    @GetMapping("/staff/{username}")
    StaffAdministration.StaffView get(@PathVariable String username) {
        return administration.get(username);
    }

    @PutMapping("/staff/{username}")
    @Operation(summary = "Change the display name, role and jurisdiction; a new role or jurisdiction ends the account's sessions")
    StaffAdministration.StaffView change(@PathVariable String username, @RequestBody StaffAdministration.Changes body) {
        return administration.change(CurrentStaff.require(), username, body);
    }

    @PostMapping("/staff/{username}/disable")
    @Operation(summary = "Disable the account: its sessions and tokens are refused from their next request")
    StaffAdministration.StaffView disable(@PathVariable String username, @RequestBody StaffAdministration.Reason body) {
        return administration.disable(CurrentStaff.require(), username, body);
    }

    @PostMapping("/staff/{username}/enable")
    StaffAdministration.StaffView enable(@PathVariable String username, @RequestBody StaffAdministration.Reason body) {
        return administration.enable(CurrentStaff.require(), username, body);
    }

    @PostMapping("/staff/{username}/password-reset")
    @Operation(summary = "A new one-time password, answered once; the account's sessions and tokens end and a lockout is lifted")
    StaffAdministration.PasswordReset resetPassword(@PathVariable String username, @RequestBody StaffAdministration.Reason body) {
        return administration.resetPassword(CurrentStaff.require(), username, body);
    }

    @GetMapping("/staff/{username}/changes")
    @Operation(summary = "The record of changes of one account, newest first")
    StaffAdministration.Page<StaffChanges.Change> accountChanges(@PathVariable String username,
                                                                @RequestParam(required = false) Integer page,
                                                                @RequestParam(required = false) Integer size) {
        return administration.changes(username, page, size);
    }

    @GetMapping("/staff-changes")
    @Operation(summary = "Every change made to staff accounts, newest first: who, when, before and after, why")
    StaffAdministration.Page<StaffChanges.Change> changes(@RequestParam(required = false) Integer page,
                                                         @RequestParam(required = false) Integer size) {
        return administration.changes(null, page, size);
    }

    @PostMapping(value = "/staff-imports", consumes = "text/csv")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import a province's officers from CSV (docs/staff-import-format.md): all rows are checked first, "
            + "one wrong row and nothing is created; the one-time passwords are answered once")
    StaffImport.Imported importCsv(@Parameter(description = "The province's code (2 digits)") @RequestParam(required = false) String province,
                                   @RequestParam(required = false) String reason, HttpServletRequest request) throws IOException {
        return imports.importCsv(CurrentStaff.require(), province, reason, utf8(request.getInputStream()));
    }

    /** The body as UTF-8 text of at most {@link StaffImport#MAX_BYTES} bytes. */
    static String utf8(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(StaffImport.MAX_BYTES + 1);
        if (bytes.length > StaffImport.MAX_BYTES) {
            throw ApiProblem.invalidField("file", "TOO_LARGE", "The file has more than " + StaffImport.MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.invalidField("file", "NOT_UTF8", "The file must be UTF-8 text");
        }
    }
}
