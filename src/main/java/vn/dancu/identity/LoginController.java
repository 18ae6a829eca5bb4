package vn.dancu.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        List<PublishedStaffAccounts.Account> listed = accounts == null ? List.of() : accounts.accounts();
        model.addAttribute("demoAccounts", listed);
        model.addAttribute("jurisdictions", jurisdictions(listed));
        model.addAttribute("demoPassword", accounts == null ? "" : accounts.password());
        return "login";
    }

    /** The name of each jurisdiction by its unit code. */
    private Map<String, String> jurisdictions(List<PublishedStaffAccounts.Account> accounts) {
        Map<String, String> names = new HashMap<>();
        for (PublishedStaffAccounts.Account a : accounts) {
            String code = a.jurisdictionUnitCode();
            if (code != null) {
                names.put(code, units.find(code.length() <= 2 ? AdministrativeUnit.PROVINCE : AdministrativeUnit.COMMUNE, code,
                        units.today()).map(AdministrativeUnit::name).orElse(code));
            }
        }
        return names;
    }
}
