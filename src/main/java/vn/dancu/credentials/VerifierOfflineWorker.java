package vn.dancu.credentials;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The service worker that opens the verifier page again offline (classpath credentials/offline.js).
 * Served under the page's own path with {@code Service-Worker-Allowed} so that its scope is that page
 * alone, not /verify/ where the results of procedures are checked. Not a page: no session, no context.
 */
@Controller
@Hidden
class VerifierOfflineWorker {

    private static final Resource SCRIPT = new ClassPathResource("credentials/offline.js");

    @GetMapping(value = "/verify/credential/offline.js", produces = "text/javascript")
    ResponseEntity<Resource> script() {
        return ResponseEntity.ok().header("Service-Worker-Allowed", "/verify/credential").cacheControl(CacheControl.noCache())
                .body(SCRIPT);
    }
}
