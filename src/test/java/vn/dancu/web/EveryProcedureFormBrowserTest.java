package vn.dancu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.platform.Dates;

/**
 * Every procedure the citizen can apply for, found on her procedures page (a procedure enabled
 * later is opened too), opened on a phone 390 px wide by a level-2 citizen: the form is ready, the
 * registry's values are shown as verified, nothing is wider than the screen, and its words are
 * Vietnamese (no English text, no code, no key). A screenshot of each is kept in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryProcedureFormBrowserTest extends IntegrationTest {

    static final String AN = "001075503799";
    static final String AN_PHONE = "0912345678";
    static final int PHONE_WIDTH = 390;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void everyEnabledProcedureOpensItsFormPrefilledInVietnameseOnAPhone() throws IOException {
        Api.Response an = api("officer.central").purpose("Kiểm tra tờ khai trên điện thoại").get("/api/v1/registry/persons/" + AN);
        assertThat(an.status()).isEqualTo(200);
        List<String> registryValues = List.of(an.text("fullName"), AN, Dates.day(java.time.LocalDate.parse(an.text("dateOfBirth"))));
        Set<String> english = englishOnlyTexts();
        Set<String> vietnamese = texts("messages.properties");

        Page citizen = citizenAtLevel2();
        citizen.navigate(url("/eid/procedures"));
        List<Integer> procedures = new TreeSet<>(citizen.locator("a[href^='/eid/procedures/']").all().stream()
                .map(a -> a.getAttribute("href").substring("/eid/procedures/".length())).filter(n -> n.matches("\\d+"))
                .map(Integer::valueOf).toList()).stream().toList();
        assertThat(procedures).as("the procedures the citizen can apply for").hasSizeGreaterThanOrEqualTo(10);

        List<String> findings = new ArrayList<>();
        for (int n : procedures) {
            citizen.navigate(url("/eid/procedures/" + n));
            findings.addAll(check(citizen, n, registryValues, english, vietnamese));
            Chromium.screenshot(citizen, "procedure-form-" + n + "-390");
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void theChecksFindWhatTheyLookFor() throws IOException {
        Page page = CHROMIUM.newPage(PHONE_WIDTH, 844);
        page.setContent("<html lang=\"vi\"><body><h1>Đăng ký khai sinh</h1><dl class=\"verified\"><dt>Họ, chữ đệm và tên</dt>"
                + "<dd><span>Nguyễn Văn An</span></dd><dt>Số định danh cá nhân</dt><dd><span>001075503799</span>"
                + "<span class=\"verified-mark\">✓ Đã xác thực từ CSDLQGDC</span></dd></dl><fieldset><label>Attached documents</label>"
                + "<label>form.field.child.fullName</label><select><option>MALE</option></select></fieldset>"
                + "<div style=\"width:600px\">rộng</div></body></html>");
        String found = String.join("\n", check(page, 0, List.of("Nguyễn Văn An", "001075503799", "14/03/1975"), englishOnlyTexts(),
                texts("messages.properties")));
        assertThat(found).contains("no submit button", "Nguyễn Văn An is not shown as verified", "14/03/1975 is not shown",
                "wider than the screen", "\"Attached documents\"", "form.field.child.fullName", "MALE",
                "the label \"Attached documents\" is no Vietnamese text of the messages")
                .doesNotContain("001075503799 is not shown", "the label \"Họ, chữ đệm và tên\"");
    }

    /** What is wrong with the form on the page, one line each. */
    private List<String> check(Page page, int n, List<String> registryValues, Set<String> english, Set<String> vietnamese) {
        List<String> findings = new ArrayList<>();
        String where = "procedure " + n + ": ";
        if (page.locator("#problems").count() > 0) {
            findings.add(where + "the form is not ready: " + page.locator("#problems").innerText());
        }
        if (page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nộp hồ sơ")).count() == 0) {
            findings.add(where + "no submit button \"Nộp hồ sơ\"");
        }
        Locator verified = page.locator("dl.verified dd");
        for (String value : registryValues) {
            Locator dd = verified.filter(new Locator.FilterOptions().setHasText(value));
            if (dd.count() == 0) {
                findings.add(where + value + " is not shown among the registry's values");
            } else if (dd.first().locator(".verified-mark").count() == 0) {
                findings.add(where + value + " is not shown as verified");
            }
        }
        int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
        if (width > PHONE_WIDTH) {
            findings.add(where + "the page is wider than the screen: " + width + " px");
        }
        // the words a reader reads: headings, labels, terms, choices, buttons, hints
        List<?> texts = (List<?>) page.evaluate("[...document.querySelectorAll('main h1, main h2, main label, main legend, main dt, "
                + "main option, main button, main .hint, main .verified-mark, h1, dt, label, option')].map(e => e.innerText.trim())");
        for (Object o : new TreeSet<>(texts.stream().map(String::valueOf).collect(Collectors.toSet()))) {
            String text = o.toString().replace(" *", "").strip();
            if (english.contains(text)) {
                findings.add(where + "English \"" + text + "\"");
            }
            if (CODE_OR_KEY.matcher(text).find()) {
                findings.add(where + "a code or key: " + text);
            }
        }
        // each label of the form is a Vietnamese text of the messages: the registry's terms, the inputs', the tick boxes'
        List<?> labels = (List<?>) page.evaluate("[...document.querySelectorAll('dl.verified dt, .field > label:not(.check), "
                + ".field > label.check > span, fieldset > label')].map(e => e.innerText.replace('*', '').trim())");
        for (Object label : labels) {
            if (!vietnamese.contains(label.toString())) {
                findings.add(where + "the label \"" + label + "\" is no Vietnamese text of the messages");
            }
        }
        return findings;
    }

    /** An upper-case code (MALE, NOT_UNDER_SIX) or a message key (form.field.child.fullName). */
    static final Pattern CODE_OR_KEY = Pattern.compile("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{4,}$|^[a-z]+(\\.[a-zA-Z0-9_]+){2,}$");

    /** The English texts that differ from their Vietnamese. */
    private static Set<String> englishOnlyTexts() throws IOException {
        Properties vi = load("messages.properties");
        Properties en = load("messages_en.properties");
        Set<String> texts = new TreeSet<>();
        for (String key : en.stringPropertyNames()) {
            String text = en.getProperty(key).strip();
            if (!text.equals(vi.getProperty(key)) && !text.contains("{") && text.matches(".*[a-z]{3}.*")) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** The texts of a messages file. */
    private static Set<String> texts(String file) throws IOException {
        Properties messages = load(file);
        return messages.stringPropertyNames().stream().map(k -> messages.getProperty(k).strip()).collect(Collectors.toSet());
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(EveryProcedureFormBrowserTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    /** An at level 2: his password, then the code the demo SMS outbox shows. */
    private Page citizenAtLevel2() {
        // Other classes of this shared context sign An in by SMS too, and the platform sends a phone at most five codes
        // an hour, one a minute (OneTimeCodes): his earlier codes are moved an hour back, so that this login gets its own.
        jdbc.sql("""
                update eid.one_time_code set created_at = created_at - interval '1 hour'
                where account_id = (select id from eid.citizen_account where personal_id = ?)""").param(AN).update();
        Page page = CHROMIUM.newPage(PHONE_WIDTH, 844);
        page.navigate(url("/eid/login"));
        page.getByLabel("Số định danh cá nhân").fill(AN);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL("**/eid/login/factor");
        Page outbox = page.context().newPage();
        outbox.navigate(url("/eid/outbox"));
        String sms = outbox.locator("tr:has-text('" + AN_PHONE + "') td.sms").first().textContent();
        outbox.close();
        page.locator("input[name=code]").fill(sms.replaceAll(".*la (\\d{6}).*", "$1"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xác nhận")).click();
        page.waitForURL("**/eid/account");
        return page;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
