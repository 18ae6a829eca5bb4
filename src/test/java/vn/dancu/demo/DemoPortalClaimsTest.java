package vn.dancu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo portal shows the claims it received as a person reads them, not as Java prints maps and lists. */
class DemoPortalClaimsTest {

    @Test
    void anAddressShowsItsFormattedText() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("formatted", "Số 3 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội");
        address.put("locality", "Phường Ba Đình");
        address.put("country", "VN");
        assertThat(DemoPortal.PortalPage.claim(address)).isEqualTo("Số 3 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội");
    }

    @Test
    void aHouseholdShowsOneLinePerFieldAndPerMember() {
        Map<String, Object> household = new LinkedHashMap<>();
        household.put("id", "42");
        household.put("relationship_to_head", "HEAD");
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("name", "Nguyễn Văn An");
        head.put("relationship_to_head", "HEAD");
        household.put("members", List.of(head, Map.of("name", "Nguyễn Minh Châu")));
        String html = DemoPortal.PortalPage.claim(household);
        assertThat(html).contains("<li>id: 42</li>", "<li>relationship_to_head: HEAD</li>",
                "<li>name: Nguyễn Văn An, relationship_to_head: HEAD</li>", "<li>name: Nguyễn Minh Châu</li>");
        assertThat(html).doesNotContain("{", "}", "[", "]", "name=");
    }

    @Test
    void aListOfPlainValuesIsJoinedWithCommas() {
        assertThat(DemoPortal.PortalPage.claim(List.of("pwd", "otp"))).isEqualTo("pwd, otp");
        assertThat(DemoPortal.PortalPage.claim(List.of())).isEmpty();
        assertThat(DemoPortal.PortalPage.claim("urn:dancu:loa:1")).isEqualTo("urn:dancu:loa:1");
    }

    @Test
    void everyValueAndNameIsEscapedAtAnyDepth() {
        String html = DemoPortal.PortalPage.claim(Map.of("<b>", List.of(Map.of("formatted", "<script>x</script>"))));
        assertThat(html).doesNotContain("<script>", "<b>").contains("&lt;script&gt;", "&lt;b&gt;");
        assertThat(DemoPortal.PortalPage.claim("a & b")).isEqualTo("a &amp; b");
    }
}
