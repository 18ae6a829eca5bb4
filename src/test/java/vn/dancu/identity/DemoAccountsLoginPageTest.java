package vn.dancu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.ui.ExtendedModelMap;
import vn.dancu.IntegrationTest;
import vn.dancu.units.Units;

/** In demo mode the staff login page lists every demo account with its role, jurisdiction and password; otherwise none. */
class DemoAccountsLoginPageTest extends IntegrationTest {

    @Autowired
    PublishedStaffAccounts published;
    @Autowired
    Units units;

    @Test
    void theDemoLoginPageListsEveryDemoAccountWithRoleJurisdictionAndPassword() {
        String page = anonymous().text("/login");
        assertThat(published.accounts()).hasSize(19);
        for (PublishedStaffAccounts.Account account : published.accounts()) {
            assertThat(page).contains("<code>" + account.username() + "</code>");
        }
        assertThat(page).contains("Tài khoản trình diễn", "<code>dancu-demo</code>", "Quản trị hệ thống", "Toàn quốc",
                "Công chức tư pháp - hộ tịch", "Phường Ba Đình", "Phường Cầu Giấy", "Thành phố Hà Nội", "Thành phố Hồ Chí Minh");
        assertThat(anonymous().text("/login?lang=en")).contains("Demo accounts", "Password of every account:", "Administrator",
                "Whole country", "Phường Ba Đình");
    }

    @Test
    void everyListedAccountSignsInWithThePublishedPassword() {
        for (PublishedStaffAccounts.Account account : published.accounts()) {
            int status = anonymous().post("/api/v1/auth/session", java.util.Map.of("username", account.username(),
                    "password", published.password())).status();
            assertThat(status).as(account.username()).isBetween(200, 299);
        }
    }

    @Test
    void outsideDemoModeThePageListsNoAccountEvenIfSomeBeanPublishedThem() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("published", published);
        ExtendedModelMap model = new ExtendedModelMap();
        new LoginController(false, beans.getBeanProvider(PublishedStaffAccounts.class), units).login(null, null, model);
        assertThat(model.get("demoAccounts")).isEqualTo(List.of());
        assertThat(model.get("demoPassword")).isEqualTo("");

        ExtendedModelMap demo = new ExtendedModelMap();
        new LoginController(true, beans.getBeanProvider(PublishedStaffAccounts.class), units).login(null, null, demo);
        assertThat((List<?>) demo.get("demoAccounts")).hasSize(published.accounts().size());
        ExtendedModelMap none = new ExtendedModelMap();
        new LoginController(true, new DefaultListableBeanFactory().getBeanProvider(PublishedStaffAccounts.class), units)
                .login(null, null, none);
        assertThat(none.get("demoAccounts")).as("demo mode without published accounts").isEqualTo(List.of());
    }
}
