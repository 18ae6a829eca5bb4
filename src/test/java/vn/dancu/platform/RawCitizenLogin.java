package vn.dancu.platform;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A citizen's password login on {@code /eid/login} over a plain socket, so that the test chooses
 * the address it calls from and the forwarded headers it sends.
 */
final class RawCitizenLogin {

    private RawCitizenLogin() {
    }

    /** The login form's answer: 302 on success, 401 for a wrong password, 429 when the address is stopped. */
    static RawHttp.Answer attempt(int port, InetAddress from, String personalId, String password, List<String> headers) {
        RawHttp.Answer form = RawHttp.send(from, port, RawHttp.request("GET", "/eid/login", headers, null));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.text());
        if (!csrf.find()) {
            throw new AssertionError("no login form: " + form.status());
        }
        List<String> all = new ArrayList<>(headers);
        all.add("Cookie: " + form.cookies());
        all.add("Content-Type: application/x-www-form-urlencoded");
        String body = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&personalId=" + personalId
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return RawHttp.send(from, port, RawHttp.request("POST", "/eid/login", all, body.getBytes(StandardCharsets.UTF_8)));
    }
}
