package vn.dancu.eid;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What a level-1 citizen sees when a relying party needs level 2: why the login cannot go on, how
 * level 2 is reached (in person at the police, Decree 69/2024), and the way back to the relying
 * party, which then receives {@code error=unmet_authentication_requirements} with its {@code state}
 * (OpenID Connect Core 1.0, 3.1.2.6). The way back is built by {@link AuthorizationResponses} from
 * the checked authorization request and kept in the session; opened otherwise, the page explains
 * level 2 without it.
 */
@Controller
@vn.dancu.platform.Page
class LevelTwoRequiredPage {

    static final String PATH = "/eid/level-2";
    static final String RETURN = LevelTwoRequiredPage.class.getName() + ".return";

    /** The relying party's name and its redirect URI with the error, the state and the issuer. */
    record Return(String client, String url) implements Serializable {
    }

    @GetMapping(PATH)
    String show(HttpSession session, Model model) {
        Return back = session.getAttribute(RETURN) instanceof Return r ? r : null;
        model.addAttribute("backClient", back == null ? null : back.client());
        model.addAttribute("backUrl", back == null ? null : back.url());
        return "eid/level-2";
    }
}
