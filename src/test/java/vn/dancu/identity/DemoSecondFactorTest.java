package vn.dancu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.Browser;
import vn.dancu.platform.Totp;

/**
 * In demo mode the second factor is optional, so that the README's walkthroughs work with a
 * password (and HTTP Basic); a staff member who enrols one must use it from then on.
 */
class DemoSecondFactorTest extends IntegrationTest {

    @Autowired
    StaffAccounts accounts;
    @Autowired
    java.time.Clock clock;

    @Test
    void aDemoOfficerSignsInWithAPasswordUntilEnrollingAFactorAndThenNeedsIt() {
        accounts.create(new StaffAccounts.NewAccount("demo.enrols", "a-long-enough-password", "Demo", StaffRole.CENTRAL_OFFICER, null));
        Api basic = new StaffLoginTest.ApiFor(port, "demo.enrols", "a-long-enough-password").api();
        assertThat(basic.get("/api/v1/registry/persons?name=an").status()).as("Basic with a password, in demo mode").isEqualTo(200);

        Browser browser = new Browser(port);
        Browser.Page form = browser.get("/login");
        Browser.Page landed = browser.post("/login", "_csrf", form.csrf(), "username", "demo.enrols", "password", "a-long-enough-password");
        assertThat(browser.get(landed.location()).status()).as("no second step in demo mode").isEqualTo(200);
        Browser.Page enrol = browser.get("/staff/account/security/totp");
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(enrol.body());
        assertThat(m.find()).isTrue();
        byte[] secret = Totp.fromBase32(m.group(1));
        long step = clock.instant().getEpochSecond() / Totp.STEP_SECONDS;
        assertThat(browser.post("/staff/account/security/totp", "_csrf", enrol.csrf(), "code", Totp.code(secret, step - 1)).location())
                .endsWith("/staff/account/security?done=totp");

        Api.Response refused = basic.get("/api/v1/registry/persons?name=an");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("SECOND_FACTOR_REQUIRED");
        Browser next = new Browser(port);
        Browser.Page again = next.post("/login", "_csrf", next.get("/login").csrf(), "username", "demo.enrols",
                "password", "a-long-enough-password");
        assertThat(next.get(again.location()).location()).endsWith("/login/second-factor");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons?name=an").status()).as("demo staff without a factor")
                .isEqualTo(200);
    }
}
