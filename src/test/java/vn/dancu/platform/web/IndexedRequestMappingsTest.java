package vn.dancu.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import vn.dancu.IntegrationTest;

/** The indexed lookup finds what Spring's full scan finds, for a path of every mapping and for paths of none. */
class IndexedRequestMappingsTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theApplicationUsesTheIndexedLookup() {
        assertThat(mappings).isInstanceOf(IndexedRequestMappings.class);
    }

    @Test
    void everyMappedPathResolvesAsByTheFullScan() throws Exception {
        IndexedRequestMappings indexed = (IndexedRequestMappings) mappings;
        List<String> compared = new ArrayList<>();
        for (RequestMappingInfo info : indexed.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = samplePath(pattern.getPatternString());
                for (String method : methods(info)) {
                    assertSameOutcome(indexed, method, path, info);
                    compared.add(method + " " + path);
                }
            }
        }
        assertThat(compared).hasSizeGreaterThan(200);
    }

    @Test
    void pathsOfNoMappingAndEncodedPathsResolveAsByTheFullScan() throws Exception {
        IndexedRequestMappings indexed = (IndexedRequestMappings) mappings;
        for (String path : List.of("/", "/nowhere", "/api", "/api/v1/nowhere/1", "/api/v1/registry/persons/",
                "/api/v1/regi%73try/persons/001075503799", "/api/v1/registry;x=1/persons/001075503799",
                "/API/v1/registry/persons/001075503799", "//api/v1/registry/persons/001075503799")) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                assertSameOutcome(indexed, method, path, null);
            }
        }
    }

    @Test
    void aPersonLookupFindsItsControllerMethodAndItsVariable() throws Exception {
        MockHttpServletRequest request = request("GET", "/api/v1/registry/persons/001075503799", null);
        HandlerMethod handler = (HandlerMethod) ((IndexedRequestMappings) mappings)
                .lookupHandlerMethod("/api/v1/registry/persons/001075503799", request);
        assertThat(handler).isNotNull();
        assertThat(handler.getBeanType().getSimpleName()).isEqualTo("RegistryController");
        assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE).toString())
                .contains("001075503799");
    }

    private void assertSameOutcome(IndexedRequestMappings indexed, String method, String path, RequestMappingInfo info)
            throws Exception {
        String byIndex = outcome(() -> indexed.lookupHandlerMethod(path, request(method, path, info)));
        String byScan = outcome(() -> indexed.lookupByScan(path, request(method, path, info)));
        assertThat(byIndex).as(method + " " + path).isEqualTo(byScan);
    }

    private interface Lookup {
        HandlerMethod run() throws Exception;
    }

    private static String outcome(Lookup lookup) {
        try {
            return Objects.toString(lookup.run());
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    private static MockHttpServletRequest request(String method, String path, RequestMappingInfo info) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (info != null) {
            info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                    .ifPresent(type -> request.setContentType(type.toString()));
            info.getProducesCondition().getProducibleMediaTypes().stream().findFirst()
                    .ifPresent(type -> request.addHeader("Accept", type.toString()));
        }
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    private static List<String> methods(RequestMappingInfo info) {
        List<String> methods = info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList();
        return methods.isEmpty() ? List.of("GET", "POST") : methods;
    }

    /** A path the pattern matches: twelve digits for a variable (personal ID numbers and most others fit). */
    private static String samplePath(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "a/b")
                .replaceAll("\\{[^}:]+(:[^/]*)?}", "001075503799")
                .replace("**", "a/b")
                .replace("*", "x");
    }
}
