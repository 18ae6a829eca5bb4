package vn.dancu.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancu.platform.ApiProblem;

/**
 * Every staff member's page to change their own password; the only page open to a login with a
 * one-time password ({@link PasswordChangeGate}).
 */
@Controller
@vn.dancu.platform.Page
class OwnPasswordPage {

    private final StaffPasswords passwords;

    OwnPasswordPage(StaffPasswords passwords) {
        this.passwords = passwords;
    }

    @GetMapping(PasswordChangeGate.PAGE)
    String form(Model model) {
        return render(model, null);
    }

    @PostMapping(PasswordChangeGate.PAGE)
    String change(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
                  @RequestParam(defaultValue = "") String newPasswordConfirmation, Model model, HttpServletRequest request,
                  HttpServletResponse response) {
        Staff staff = CurrentStaff.require();
        try {
            long version = passwords.changeOwn(staff, currentPassword, newPassword, newPasswordConfirmation);
            keepSignedIn(request, response, version);
            return "redirect:" + SecurityConfiguration.landingPage(staff) + "?passwordChanged";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(model, problem);
        }
    }

    private String render(Model model, ApiProblem problem) {
        model.addAttribute("mustChange", PasswordChangeGate.mustChange(SecurityContextHolder.getContext().getAuthentication()));
        model.addAttribute("problem", problem);
        return "identity/password";
    }

    /**
     * After a change of one's own password the account's version rose, which ends every login of
     * the account: this one goes on, under a new session id, with the new version and without the
     * one-time mark.
     */
    static void keepSignedIn(HttpServletRequest request, HttpServletResponse response, long version) {
        Authentication old = SecurityContextHolder.getContext().getAuthentication();
        Authentication fresh = UsernamePasswordAuthenticationToken.authenticated(old.getPrincipal(), null,
                SecurityStamp.replace(old.getAuthorities(), version, false));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(fresh);
        SecurityContextHolder.setContext(context);
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null) {
            request.changeSessionId();
            new HttpSessionSecurityContextRepository().saveContext(context, request, response);
        }
    }
}
