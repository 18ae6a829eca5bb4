package vn.dancu.registry.web;

import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.PersonFinder;

/** Staff pages: person search and person detail. The purpose typed in the form goes into the access log. */
@Controller
@vn.dancu.platform.Page
class PersonPages {

    private final PersonFinder finder;
    private final MessageSource messages;

    PersonPages(PersonFinder finder, MessageSource messages) {
        this.finder = finder;
        this.messages = messages;
    }

    @GetMapping("/staff/persons")
    String search(@RequestParam(required = false) String name, @RequestParam(required = false) String dateOfBirth,
                  @RequestParam(required = false) String purpose, Model model, jakarta.servlet.http.HttpServletRequest request) {
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("dateOfBirth", dateOfBirth == null ? "" : dateOfBirth);
        model.addAttribute("purpose", purpose == null ? "" : purpose);
        model.addAttribute("results", null);
        model.addAttribute("errors", List.of());
        boolean asked = (name != null && !name.isBlank()) || (dateOfBirth != null && !dateOfBirth.isBlank());
        if (asked) {
            try {
                model.addAttribute("results", finder.search(name, dateOfBirth, null, 0, 50, purpose, AccessLog.Channel.WEB));
            } catch (ApiProblem problem) {
                model.addAttribute("errors", explain(problem, request));
            }
        }
        return "persons/search";
    }

    @GetMapping("/staff/persons/{personalId}")
    String detail(@PathVariable String personalId, @RequestParam(required = false) String purpose, Model model,
                  jakarta.servlet.http.HttpServletRequest request) {
        try {
            model.addAttribute("person", finder.get(personalId, purpose, AccessLog.Channel.WEB));
            model.addAttribute("history", finder.history(personalId, purpose, AccessLog.Channel.WEB));
            model.addAttribute("purpose", purpose);
            return "persons/detail";
        } catch (ApiProblem problem) {
            model.addAttribute("name", "");
            model.addAttribute("dateOfBirth", "");
            model.addAttribute("purpose", purpose == null ? "" : purpose);
            model.addAttribute("results", null);
            model.addAttribute("errors", explain(problem, request));
            return "persons/search";
        }
    }

    /** The problem in the page's language: the stable code names the message. */
    private List<String> explain(ApiProblem problem, jakarta.servlet.http.HttpServletRequest request) {
        var locale = RequestContextUtils.getLocale(request);
        if (problem.errors().isEmpty()) {
            return List.of(messages.getMessage("problem." + problem.code(), null, problem.getMessage(), locale));
        }
        return problem.errors().stream()
                .map(e -> messages.getMessage("problem." + e.code(), null, e.message(), locale)).toList();
    }
}
