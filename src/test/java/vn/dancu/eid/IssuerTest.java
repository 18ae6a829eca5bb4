package vn.dancu.eid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class IssuerTest {

    @Test
    void theIssuerIsThePublicUrlUnlessConfiguredWithoutATrailingSlash() {
        assertThat(new Issuer(new MockEnvironment()).value()).isEqualTo("http://localhost:8080");
        assertThat(new Issuer(new MockEnvironment().withProperty("dancu.public-url", "https://dancu.example.vn/")).value())
                .isEqualTo("https://dancu.example.vn");
        assertThat(new Issuer(new MockEnvironment().withProperty("dancu.public-url", "https://dancu.example.vn")
                .withProperty("dancu.oidc.issuer", " https://id.example.gov.vn/ ")).value()).isEqualTo("https://id.example.gov.vn");
    }

    @Test
    void aValueThatIsNoIssuerUrlStopsTheStart() {
        for (String bad : new String[] {"id.example.gov.vn", "ftp://id.example.gov.vn", "https://id.example.gov.vn/?x=1",
                "https://id.example.gov.vn/#top", "https://exa mple.vn"}) {
            assertThatThrownBy(() -> new Issuer(new MockEnvironment().withProperty("dancu.oidc.issuer", bad)))
                    .as(bad).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aPortKnownOnlyOnceTheServerListensIsReadOnFirstUse() {
        MockEnvironment env = new MockEnvironment().withProperty("dancu.oidc.issuer", "http://127.0.0.1:${local.server.port}");
        Issuer issuer = new Issuer(env);
        env.setProperty("local.server.port", "41234");
        assertThat(issuer.value()).isEqualTo("http://127.0.0.1:41234");
        env.setProperty("local.server.port", "1");
        assertThat(issuer.value()).as("one value, once known").isEqualTo("http://127.0.0.1:41234");
    }
}
