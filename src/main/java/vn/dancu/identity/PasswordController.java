package vn.dancu.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A staff member changes their own password over the API (a one-time password first of all). */
@RestController
@Tag(name = "Staff sessions")
class PasswordController {

    private final StaffPasswords passwords;

    PasswordController(StaffPasswords passwords) {
        this.passwords = passwords;
    }

    record Change(String currentPassword, String newPassword, String newPasswordConfirmation) {
    }

    @PostMapping(PasswordChangeGate.API)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change your own password: the current one, the new one twice; other sessions and tokens of the account end")
    void change(@RequestBody Change body, HttpServletRequest request, HttpServletResponse response) {
        Staff staff = CurrentStaff.require();
        long version = passwords.changeOwn(staff, body.currentPassword(), body.newPassword(), body.newPasswordConfirmation());
        OwnPasswordPage.keepSignedIn(request, response, version);
    }
}
