package vn.dancu.credentials;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.dancu.platform.Page;

/**
 * The offline verifier: a public page whose script (/js/credential-verifier.js) keeps the issuer's
 * keys and every status list in the browser, with the time each was fetched, and verifies a
 * presentation there with WebCrypto; once loaded it needs no network. The page names the lists to
 * keep, so a verifier holds them before it meets a credential that points at one.
 */
@Controller
@Page
class VerifierPage {

    private final CredentialSettings settings;
    private final StatusLists statusLists;
    private final JdbcClient jdbc;

    VerifierPage(CredentialSettings settings, StatusLists statusLists, JdbcClient jdbc) {
        this.settings = settings;
        this.statusLists = statusLists;
        this.jdbc = jdbc;
    }

    @GetMapping("/verify/credential")
    String verifier(Model model) {
        model.addAttribute("issuer", settings.issuer());
        model.addAttribute("statusLists", String.join(" ", jdbc.sql("select id from credentials.status_list order by id")
                .query(Integer.class).list().stream().map(statusLists::uri).toList()));
        return "credentials/verify";
    }
}
