package vn.dancu.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancu.platform.ApiProblem;

/**
 * The staff login's second step ({@code /login/second-factor}: a code of the authenticator app or
 * a passkey; the first login enrols one) and the staff member's own security page
 * ({@code /staff/account/security}: replace the app, add and remove passkeys).
 */
@Controller
@vn.dancu.platform.Page
class SecondFactorPages {

    private static final HttpSessionRequestCache REQUESTS = new HttpSessionRequestCache();

    private final SecondFactors factors;
    private final Clock clock;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorPages(SecondFactors factors, Clock clock) {
        this.factors = factors;
        this.clock = clock;
    }

    // --- the second step

    @GetMapping(SecondFactorGate.STEP_PAGE)
    String step(Model model, HttpServletRequest request, HttpServletResponse response) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth != null && auth.getPrincipal() instanceof Staff staff)) {
            return "redirect:/login";
        }
        if (StaffLoginFactors.complete(auth)) {
            return "redirect:" + next(request, response, auth);
        }
        return stepPage(staff, model, null);
    }

    /** The code of the app: the enrolment's first code, or the code of a login. */
    @PostMapping(SecondFactorGate.STEP_PAGE)
    String verify(@RequestParam(defaultValue = "") String code, Model model, HttpServletRequest request, HttpServletResponse response) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth != null && auth.getPrincipal() instanceof Staff staff)) {
            return "redirect:/login";
        }
        if (StaffLoginFactors.complete(auth)) {
            return "redirect:" + next(request, response, auth);
        }
        SecondFactors.Check check;
        try {
            check = factors.enrolled(staff.id()) ? factors.verifyTotp(staff.id(), code) : factors.confirmTotp(staff, code, true);
        } catch (ApiProblem refused) {
            return stepPage(staff, model, refused.code());
        }
        return switch (check) {
            case ACCEPTED -> "redirect:" + complete(auth, staff, request, response);
            case LOCKED -> {
                request.getSession().invalidate();
                SecurityContextHolder.clearContext();
                yield "redirect:/login?error";
            }
            case WRONG -> stepPage(staff, model, "wrong");
        };
    }

    private String stepPage(Staff staff, Model model, String problem) {
        SecondFactors.State state = factors.state(staff.id());
        model.addAttribute("state", state);
        model.addAttribute("enrolment", state.any() ? null : factors.startTotp(staff));
        model.addAttribute("problem", problem);
        return "staff/second-factor";
    }

    /** The login with the app's code added; a new session id, as at any change of what a login may do. */
    private String complete(Authentication auth, Staff staff, HttpServletRequest request, HttpServletResponse response) {
        List<GrantedAuthority> authorities = new ArrayList<>(auth.getAuthorities());
        authorities.add(FactorGrantedAuthority.withAuthority(StaffLoginFactors.TOTP).issuedAt(clock.instant()).build());
        var context = SecurityContextHolder.createEmptyContext();
        Authentication completed = UsernamePasswordAuthenticationToken.authenticated(staff, null, authorities);
        context.setAuthentication(completed);
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        return next(request, response, completed);
    }

    /** After the login: where it was going (the page or the staff application that sent it to log in), else the role's own page. */
    static String next(HttpServletRequest request, HttpServletResponse response, Authentication auth) {
        SavedRequest saved = REQUESTS.getRequest(request, response);
        if (saved != null) {
            REQUESTS.removeRequest(request, response);
            return saved.getRedirectUrl();
        }
        return auth.getPrincipal() instanceof Staff staff ? SecurityConfiguration.landingPage(staff) : "/";
    }

    // --- the staff member's own security page

    @GetMapping("/staff/account/security")
    String security(@RequestParam(required = false) String done, Model model) {
        Staff staff = CurrentStaff.require();
        model.addAttribute("state", factors.state(staff.id()));
        model.addAttribute("events", factors.history(staff.username()));
        model.addAttribute("done", done);
        model.addAttribute("problem", null);
        return "staff/security";
    }

    @GetMapping("/staff/account/security/totp")
    String newTotp(Model model) {
        model.addAttribute("enrolment", factors.startTotp(CurrentStaff.require()));
        model.addAttribute("problem", null);
        return "staff/totp";
    }

    @PostMapping("/staff/account/security/totp")
    String confirmTotp(@RequestParam(defaultValue = "") String code, Model model, HttpServletRequest request) {
        Staff staff = CurrentStaff.require();
        SecondFactors.Check check;
        try {
            check = factors.confirmTotp(staff, code, false);
        } catch (ApiProblem refused) {
            return "redirect:/staff/account/security/totp";
        }
        if (check == SecondFactors.Check.LOCKED) {
            request.getSession().invalidate();
            SecurityContextHolder.clearContext();
            return "redirect:/login?error";
        }
        if (check == SecondFactors.Check.WRONG) {
            model.addAttribute("enrolment", factors.startTotp(staff));
            model.addAttribute("problem", "wrong");
            return "staff/totp";
        }
        return "redirect:/staff/account/security?done=totp";
    }

    @PostMapping("/staff/account/security/totp/remove")
    String removeTotp(Model model) {
        return removing(model, () -> factors.removeTotp(CurrentStaff.require()));
    }

    @PostMapping("/staff/account/security/passkeys/{id}/remove")
    String removePasskey(@PathVariable String id, Model model) {
        return removing(model, () -> factors.removePasskey(CurrentStaff.require(), id));
    }

    private String removing(Model model, Runnable removal) {
        try {
            removal.run();
        } catch (ApiProblem refused) {
            Staff staff = CurrentStaff.require();
            model.addAttribute("state", factors.state(staff.id()));
            model.addAttribute("events", factors.history(staff.username()));
            model.addAttribute("done", null);
            model.addAttribute("problem", refused.code());
            return "staff/security";
        }
        return "redirect:/staff/account/security?done=removed";
    }
}
