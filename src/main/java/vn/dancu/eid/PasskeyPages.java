package vn.dancu.eid;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import vn.dancu.platform.Page;

/**
 * The passkeys part of the account page: confirming with the second factor before adding one,
 * removing one (a confirmation page, then a POST), and saying "I checked them" after a recovery.
 * Adding itself is {@link PasskeyCeremonies}, driven by {@code /js/passkeys.js}.
 */
@Controller
@Page
class PasskeyPages {

    private final Passkeys passkeys;
    private final CitizenLogin login;

    PasskeyPages(Passkeys passkeys, CitizenLogin login) {
        this.passkeys = passkeys;
        this.login = login;
    }

    /** The second factor again (SMS or app), then back to the passkeys with a fresh level-2 login. */
    @PostMapping("/eid/account/passkeys/confirm")
    String confirm(HttpServletRequest request) {
        CitizenAccount account = login.account(currentAccount());
        if (account.level() != 2) {
            return "redirect:/eid/account#passkeys";
        }
        Object sessionId = request.getSession().getAttribute(CitizenSessions.ATTRIBUTE);
        // the factors this sign-in began with (the password, or a passkey), to which the new code is added
        List<String> first = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .filter(a -> a instanceof org.springframework.security.core.authority.FactorGrantedAuthority)
                .map(org.springframework.security.core.GrantedAuthority::getAuthority)
                .filter(f -> !CitizenPrincipal.TOTP.equals(f) && !CitizenPrincipal.SMS.equals(f)).distinct().toList();
        request.getSession().setAttribute(CitizenPages.PENDING, new CitizenPages.PendingLogin(account.id(),
                first.isEmpty() ? List.of(CitizenPrincipal.PASSWORD) : new java.util.ArrayList<>(first),
                CitizenLogin.secondFactorMethod(account), false, sessionId instanceof String s ? s : null));
        request.getSession().setAttribute(LoginCompletion.RETURN_TO, "/eid/account#passkeys");
        return "redirect:/eid/login/factor?reauth";
    }

    @GetMapping("/eid/account/passkeys/{id}/remove")
    String removePage(@PathVariable long id, Model model) {
        model.addAttribute("passkey", passkeys.find(currentAccount(), id)
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND)));
        return "eid/passkey-remove";
    }

    @PostMapping("/eid/account/passkeys/{id}/remove")
    String remove(@PathVariable long id) {
        if (!passkeys.remove(currentAccount(), id)) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        return "redirect:/eid/account?notice=passkeyRemoved#passkeys";
    }

    @PostMapping("/eid/account/passkeys/reviewed")
    String reviewed() {
        passkeys.reviewed(currentAccount());
        return "redirect:/eid/account#passkeys";
    }

    private static long currentAccount() {
        return CitizenPrincipal.accountId(SecurityContextHolder.getContext().getAuthentication())
                .orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Citizens only"));
    }
}
