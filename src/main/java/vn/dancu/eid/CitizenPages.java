package vn.dancu.eid;

import vn.dancu.platform.QrCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Page;
import vn.dancu.platform.PasswordPolicy;

/**
 * The citizen's pages: the two-step login, level-1 registration, recovery, the account page,
 * the authenticator-app set-up, "my data", the consent page of the provider and, in demo mode,
 * the SMS outbox.
 */
@Controller
@Page
class CitizenPages {

    static final String PENDING = "eid.pendingLogin";
    private static final String REGISTERING = "eid.registering";
    private static final String RECOVERING = "eid.recovering";

    /** A login between its password and its second factor. */
    record PendingLogin(long accountId, List<String> factors, String method, boolean codeSent, String replacesSession)
            implements Serializable {
    }

    private final CitizenLogin login;
    private final CitizenAccounts accounts;
    private final CitizenSessions sessions;
    private final Consents consents;
    private final RelyingParties relyingParties;
    private final OutboxSmsGateway outbox;
    private final AddressThrottle throttle;
    private final AccessLogViews accessLogViews;
    private final boolean demo;
    private final LoginCompletion completion;
    private final Passkeys passkeys;

    private final org.springframework.beans.factory.ObjectProvider<DataSharingScopes> sharing;

    CitizenPages(CitizenLogin login, CitizenAccounts accounts, CitizenSessions sessions, Consents consents,
                 RelyingParties relyingParties, OutboxSmsGateway outbox, AddressThrottle throttle,
                 AccessLogViews accessLogViews, org.springframework.beans.factory.ObjectProvider<DataSharingScopes> sharing,
                 LoginCompletion completion, Passkeys passkeys, @Value("${dancu.demo}") boolean demo) {
        this.completion = completion;
        this.passkeys = passkeys;
        this.accessLogViews = accessLogViews;
        this.sharing = sharing;
        this.throttle = throttle;
        this.login = login;
        this.accounts = accounts;
        this.sessions = sessions;
        this.consents = consents;
        this.relyingParties = relyingParties;
        this.outbox = outbox;
        this.demo = demo;
    }

    // --- login

    @GetMapping("/eid/login")
    String loginPage(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("problem", null);
        model.addAttribute("notice", notice);
        model.addAttribute("personalId", "");
        return "eid/login";
    }

    @PostMapping("/eid/login")
    String login(@RequestParam(defaultValue = "") String personalId, @RequestParam(defaultValue = "") String password,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            CitizenAccount account = login.checkPassword(personalId, password, request.getRemoteAddr());
            List<String> factors = List.of(CitizenPrincipal.PASSWORD);
            if (account.requiresSecondFactor()) {
                request.getSession().setAttribute(PENDING, new PendingLogin(account.id(), factors,
                        CitizenLogin.secondFactorMethod(account), false, null));
                return "redirect:/eid/login/factor";
            }
            return complete(account.id(), factors, null, request, response);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem);
            model.addAttribute("notice", null);
            model.addAttribute("personalId", personalId);
            return "eid/login";
        }
    }

    /** A level-2 relying party met a one-factor login: the same account gives its second factor. */
    @GetMapping("/eid/login/step-up")
    String stepUp(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Optional<Long> account = CitizenPrincipal.accountId(auth);
        if (account.isEmpty()) {
            return "redirect:/eid/login";
        }
        CitizenAccount current = login.account(account.get());
        Object sessionId = request.getSession().getAttribute(CitizenSessions.ATTRIBUTE);
        request.getSession().setAttribute(PENDING, new PendingLogin(current.id(), List.of(CitizenPrincipal.PASSWORD),
                CitizenLogin.secondFactorMethod(current), false, sessionId instanceof String s ? s : null));
        return "redirect:/eid/login/factor?stepUp";
    }

    @GetMapping("/eid/login/factor")
    String factorPage(HttpServletRequest request, Model model) {
        PendingLogin pending = pending(request);
        if (pending == null) {
            return "redirect:/eid/login";
        }
        ApiProblem problem = null;
        if ("sms".equals(pending.method()) && !pending.codeSent()) {
            try {
                login.sendSmsCode(pending.accountId());
            } catch (ApiProblem p) {
                problem = p;
            }
            pending = new PendingLogin(pending.accountId(), pending.factors(), "sms", true, pending.replacesSession());
            request.getSession().setAttribute(PENDING, pending);
        }
        model.addAttribute("reauth", request.getParameter("reauth") != null);
        return factorView(model, pending, problem, request.getParameter("stepUp") != null);
    }

    @PostMapping("/eid/login/factor")
    String factor(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        PendingLogin pending = pending(request);
        if (pending == null) {
            return "redirect:/eid/login";
        }
        try {
            String factor = login.checkSecondFactor(pending.accountId(), pending.method(), code);
            List<String> factors = new ArrayList<>(pending.factors());
            factors.add(factor);
            request.getSession().removeAttribute(PENDING);
            return complete(pending.accountId(), factors, pending.replacesSession(), request, response);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return factorView(model, pending, problem, false);
        }
    }

    /** A code by SMS: instead of the app, or a new one (the one-a-minute limit applies). */
    @PostMapping("/eid/login/factor/sms")
    String useSms(HttpServletRequest request) {
        PendingLogin pending = pending(request);
        if (pending == null) {
            return "redirect:/eid/login";
        }
        request.getSession().setAttribute(PENDING, new PendingLogin(pending.accountId(), pending.factors(), "sms", false,
                pending.replacesSession()));
        return "redirect:/eid/login/factor";
    }

    private String factorView(Model model, PendingLogin pending, ApiProblem problem, boolean stepUp) {
        model.addAttribute("method", pending.method());
        model.addAttribute("maskedPhone", login.account(pending.accountId()).maskedPhone());
        model.addAttribute("problem", problem);
        model.addAttribute("stepUp", stepUp);
        return "eid/factor";
    }

    private String complete(long accountId, List<String> factors, String replacesSession, HttpServletRequest request,
                            HttpServletResponse response) {
        return "redirect:" + completion.complete(login.complete(accountId, factors), accountId, replacesSession, request, response);
    }

    private void throttled(HttpServletRequest request) {
        if (throttle.blocked(request.getRemoteAddr())) {
            throw new ApiProblem(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS",
                    "Too many attempts from your network; try again in a few minutes");
        }
    }

    private static PendingLogin pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (PendingLogin) session.getAttribute(PENDING);
    }

    @PostMapping("/eid/logout")
    String logout(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null) {
            Object id = session.getAttribute(CitizenSessions.ATTRIBUTE);
            CitizenPrincipal.accountId(auth).ifPresent(a -> {
                if (id instanceof String s) {
                    sessions.end(s, a, "LOGOUT");
                }
            });
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/eid/login?notice=loggedOut";
    }

    // --- registration (level 1)

    @GetMapping("/eid/register")
    String registerPage(Model model) {
        model.addAttribute("problem", null);
        model.addAttribute("form", new CitizenAccounts.Registration("", "", "", "", "", "", "", ""));
        return "eid/register";
    }

    @PostMapping("/eid/register")
    String register(CitizenAccounts.Registration form, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            throttled(request);
            long id = accounts.register(form);
            request.getSession().setAttribute(REGISTERING, id);
            return "redirect:/eid/register/confirm";
        } catch (ApiProblem problem) {
            // Each refused attempt counts against the address: the form must not become a free check of card details.
            throttle.failed(request.getRemoteAddr());
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem);
            model.addAttribute("form", new CitizenAccounts.Registration(form.personalId(), form.fullName(), form.dateOfBirth(),
                    form.cardNumber(), form.cardIssueDate(), form.phone(), "", ""));
            return "eid/register";
        }
    }

    @GetMapping("/eid/register/confirm")
    String confirmPage(HttpServletRequest request, Model model) {
        Long id = attribute(request, REGISTERING);
        if (id == null) {
            return "redirect:/eid/register";
        }
        model.addAttribute("problem", null);
        model.addAttribute("maskedPhone", accounts.view(id).maskedPhone());
        return "eid/confirm";
    }

    @PostMapping("/eid/register/confirm")
    String confirm(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        Long id = attribute(request, REGISTERING);
        if (id == null) {
            return "redirect:/eid/register";
        }
        try {
            accounts.confirmPhone(id, code);
            request.getSession().removeAttribute(REGISTERING);
            return "redirect:/eid/login?notice=registered";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem);
            model.addAttribute("maskedPhone", accounts.view(id).maskedPhone());
            return "eid/confirm";
        }
    }

    @PostMapping("/eid/register/resend")
    String resend(HttpServletRequest request, Model model, HttpServletResponse response) {
        Long id = attribute(request, REGISTERING);
        if (id == null) {
            return "redirect:/eid/register";
        }
        try {
            accounts.resendConfirmation(id);
            return "redirect:/eid/register/confirm";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem);
            model.addAttribute("maskedPhone", accounts.view(id).maskedPhone());
            return "eid/confirm";
        }
    }

    // --- recovery and activation

    @GetMapping("/eid/recover")
    String recoverPage(Model model) {
        model.addAttribute("problem", null);
        model.addAttribute("stage", "start");
        return "eid/recover";
    }

    @PostMapping("/eid/recover")
    String recover(@RequestParam(defaultValue = "") String personalId, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        try {
            throttled(request);
            // Every request counts against the address: each may send an SMS.
            throttle.failed(request.getRemoteAddr());
            // -1: nobody to recover; the next page looks the same, so the answer does not tell who has an account.
            request.getSession().setAttribute(RECOVERING, accounts.startRecovery(personalId).orElse(-1L));
            return "redirect:/eid/recover/reset";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem);
            model.addAttribute("stage", "start");
            return "eid/recover";
        }
    }

    @GetMapping("/eid/recover/reset")
    String resetPage(HttpServletRequest request, Model model) {
        if (attribute(request, RECOVERING) == null) {
            return "redirect:/eid/recover";
        }
        model.addAttribute("problem", null);
        model.addAttribute("stage", "reset");
        return "eid/recover";
    }

    @PostMapping("/eid/recover/reset")
    String reset(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String password,
                 @RequestParam(defaultValue = "") String passwordConfirmation, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Long id = attribute(request, RECOVERING);
        if (id == null) {
            return "redirect:/eid/recover";
        }
        try {
            if (id < 0) {
                // The same checks, in the same order, as for a real account.
                vn.dancu.platform.FieldErrors errors = new vn.dancu.platform.FieldErrors();
                PasswordPolicy.check(errors, "password", password, passwordConfirmation, null, null);
                errors.throwIfAny();
                throw ApiProblem.invalidField("code", "WRONG_CODE", "The code is wrong or has expired; ask for a new one");
            }
            accounts.finishRecovery(id, code, password, passwordConfirmation);
            request.getSession().removeAttribute(RECOVERING);
            // Recovery keeps the passkeys (docs/architecture.md#passkeys): the citizen is told so here, by SMS and on the account page.
            return "redirect:/eid/login?notice=" + (passkeys.count(id) > 0 ? "recoveredWithPasskeys" : "recovered");
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem);
            model.addAttribute("stage", "reset");
            return "eid/recover";
        }
    }

    // --- my account

    @GetMapping("/eid/account")
    String account(@RequestParam(required = false) String notice, Model model, HttpServletRequest request) {
        long id = currentAccount();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("notice", notice != null && notice.matches("passkey[A-Za-z]{1,20}") ? notice : null);
        model.addAttribute("passkeys", passkeys.of(id));
        model.addAttribute("passkeyRefusal", passkeys.refusalToAdd(auth).map(ApiProblem::code).orElse(null));
        model.addAttribute("passkeysToReview", passkeys.toReviewAfterRecovery(id));
        model.addAttribute("account", accounts.view(id));
        model.addAttribute("sessions", sessions.open(id));
        model.addAttribute("currentSession", String.valueOf(request.getSession().getAttribute(CitizenSessions.ATTRIBUTE)));
        model.addAttribute("consents", consents.current(CitizenPrincipal.NAME_PREFIX + id));
        model.addAttribute("events", accounts.events(id));
        return "eid/account";
    }

    @PostMapping("/eid/account/sessions/{sessionId}/end")
    String endSession(@PathVariable String sessionId) {
        sessions.end(sessionId, currentAccount(), "ENDED_BY_CITIZEN");
        return "redirect:/eid/account";
    }

    @PostMapping("/eid/account/consents/{relyingPartyId}/revoke")
    String revokeConsent(@PathVariable String relyingPartyId) {
        consents.revoke(relyingPartyId, CitizenPrincipal.NAME_PREFIX + currentAccount(), true);
        return "redirect:/eid/account";
    }

    @GetMapping("/eid/account/totp")
    String totpPage(Model model) {
        String uri = accounts.startTotp(currentAccount());
        model.addAttribute("qr", QrCodes.svgDataUri(uri));
        model.addAttribute("secret", uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1"));
        model.addAttribute("problem", null);
        return "eid/totp";
    }

    @PostMapping("/eid/account/totp")
    String confirmTotp(@RequestParam(defaultValue = "") String code, Model model, HttpServletResponse response) {
        try {
            accounts.confirmTotp(currentAccount(), code);
            return "redirect:/eid/account";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            String uri = accounts.startTotp(currentAccount());
            model.addAttribute("qr", QrCodes.svgDataUri(uri));
            model.addAttribute("secret", uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1"));
            model.addAttribute("problem", problem);
            return "eid/totp";
        }
    }

    @PostMapping("/eid/account/totp/disable")
    String disableTotp() {
        accounts.disableTotp(currentAccount());
        return "redirect:/eid/account";
    }

    @GetMapping("/eid/account/access-log")
    String accessLog(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("log", accessLogViews.of(currentAccount(), Math.max(0, Math.min(page, 10_000)), 50));
        return "eid/access-log";
    }

    @GetMapping("/eid/account/data")
    String myData(Model model) {
        model.addAttribute("person", accounts.myRegistryData(currentAccount()));
        return "eid/data";
    }

    // --- the provider's consent page

    @GetMapping("/oauth2/consent")
    String consent(@RequestParam("client_id") String clientId, @RequestParam(defaultValue = "") String scope,
                   @RequestParam(defaultValue = "") String state, Model model) {
        RegisteredClient client = relyingParties.findByClientId(clientId);
        RelyingParty rp = relyingParties.byClientId(clientId).filter(r -> client != null)
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "Unknown client"));
        List<String> scopes = List.of(scope.split(" ")).stream().filter(s -> !s.isBlank() && !"openid".equals(s)).toList();
        model.addAttribute("request", new EidViews.ConsentRequest(rp.clientId(), rp.name(), rp.purpose(), state,
                scopes.stream().map(s -> new EidViews.ScopeClaims(s, DataSharingScopes.isSharing(s)
                        ? Optional.ofNullable(sharing.getIfAvailable()).map(d -> d.fieldsOf(s)).orElse(List.of())
                        : OidcClaims.released(List.of(s), rp.claims()))).toList(),
                scopes.stream().anyMatch(DataSharingScopes::isSharing)
                        ? Optional.ofNullable(sharing.getIfAvailable()).map(d -> d.purposeOf(rp.clientId())).orElse(null) : null));
        return "eid/consent";
    }

    // --- demo: the SMS outbox

    @GetMapping("/eid/outbox")
    String outbox(Model model) {
        if (!demo) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        model.addAttribute("messages", outbox.latest(50));
        return "eid/outbox";
    }

    private static long currentAccount() {
        return CitizenPrincipal.accountId(SecurityContextHolder.getContext().getAuthentication())
                .orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Citizens only"));
    }

    private static Long attribute(HttpServletRequest request, String name) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (Long) session.getAttribute(name);
    }
}
