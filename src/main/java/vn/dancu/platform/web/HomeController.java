package vn.dancu.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
@vn.dancu.platform.Page
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
