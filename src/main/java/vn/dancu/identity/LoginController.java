package vn.dancu.identity;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

@Controller
@vn.dancu.platform.Page
class LoginController {

    /** A published account as the page lists it: the jurisdiction by name, null for the whole country. */
    record ListedAccount(String username, StaffRole role, String jurisdiction) {
    }

    private final boolean demo;
    private final ObjectProvider<PublishedStaffAccounts> published;
    private final Units units;

    LoginController(@Value("${dancu.demo}") boolean demo, ObjectProvider<PublishedStaffAccounts> published, Units units) {
        this.demo = demo;
        this.published = published;
        this.units = units;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout, Model model) {
        model.addAttribute("error", error != null);
        model.addAttribute("loggedOut", logout != null);
        PublishedStaffAccounts accounts = demo ? published.getIfAvailable() : null;
        model.addAttribute("demoAccounts", accounts == null ? List.of() : listed(accounts));
        model.addAttribute("demoPassword", accounts == null ? "" : accounts.password());
        return "login";
    }

    private List<ListedAccount> listed(PublishedStaffAccounts accounts) {
        return accounts.accounts().stream().map(a -> new ListedAccount(a.username(), a.role(), a.jurisdictionUnitCode() == null ? null
                : units.find(a.jurisdictionUnitCode().length() <= 2 ? AdministrativeUnit.PROVINCE : AdministrativeUnit.COMMUNE,
                        a.jurisdictionUnitCode(), units.today()).map(AdministrativeUnit::name).orElse(a.jurisdictionUnitCode())))
                .toList();
    }
}
