package vn.dancu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/** What a newcomer meets first: the home page, the browser tab's icon and the API's description. */
class FrontDoorTest extends IntegrationTest {

    private static final Pattern HREF = Pattern.compile("href=\"(/[^\"]*)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String page(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The home page's service cards, each as its HTML. */
    private static List<String> cards(String html) {
        return Arrays.stream(html.split("<article")).skip(1).map(card -> card.substring(0, card.indexOf("</article>"))).toList();
    }

    @Test
    void onlyTheStatisticsAreCalledUnbuiltInEitherLanguage() throws Exception {
        List<String> vietnamese = cards(page("/"));
        assertThat(vietnamese).hasSize(5);
        assertThat(vietnamese).filteredOn(card -> card.contains("đang xây dựng")).singleElement().asString()
                .contains("Chỉ đạo, điều hành");
        List<String> english = cards(page("/?lang=en"));
        assertThat(english).filteredOn(card -> card.contains("in development")).singleElement().asString()
                .contains("Programme KPIs");
    }

    @Test
    void everyWorkingServiceLinksToWhereItIsUsedAndEveryLinkLeadsSomewhere() throws Exception {
        String home = page("/");
        List<String> links = HREF.matcher(home).results().map(m -> m.group(1).replace("&amp;", "&")).toList();
        assertThat(links).contains("/staff/persons", "/eid/account/data", "/eid/login", "/eid/register", "/demo/portal",
                "/eid/account/sharing", "/eid/account/access-log", "/api/v1/audit/checkpoints", "/eid/procedures", "/verify");
        for (String card : cards(home).subList(0, 4)) {
            assertThat(HREF.matcher(card).results().count()).as("links of a working service: %s", card).isGreaterThanOrEqualTo(2);
        }
        for (String link : links) {
            assertThat(get(link).statusCode()).as(link).isIn(200, 302);
        }
    }

    @Test
    void theBrowserFindsAnIconAtBothAddresses() throws Exception {
        HttpResponse<byte[]> ico = get("/favicon.ico");
        assertThat(ico.statusCode()).isEqualTo(200);
        assertThat(ico.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
        assertThat(Arrays.copyOf(ico.body(), 4)).as("an ICO file's header").containsExactly(0, 0, 1, 0);
        HttpResponse<byte[]> svg = get("/img/favicon.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        Matcher icons = Pattern.compile("<link rel=\"icon\" href=\"([^\"]+)\"").matcher(page("/"));
        assertThat(icons.results().map(m -> m.group(1)).toList()).containsExactly("/favicon.ico", "/img/favicon.svg");
    }

    @Test
    void theApiDescriptionSaysWhatThePlatformHasAndHowToSignIn() throws Exception {
        JsonNode docs = Api.JSON.readTree(page("/v3/api-docs"));
        String description = docs.path("info").path("description").asString();
        assertThat(description).contains("Population registry", "OpenID Connect provider", "/api/v1/exchange",
                "/api/v1/procedures", "checkpoints", "/api/v1/audit/checkpoints", "problem+json", "HTTP Basic",
                "/api/v1/auth/session", "bearer token", "docs/authorization.md");
        assertThat(docs.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
    }
}
