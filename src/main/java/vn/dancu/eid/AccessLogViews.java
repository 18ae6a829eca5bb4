package vn.dancu.eid;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.audit.AccessHistory;
import vn.dancu.platform.ApiProblem;

/**
 * "Who used my data" for the citizen: the access log's entries about them, with the reader named
 * as a person can understand it (the service's name for a relying party or member, the officer's
 * account for staff). Law-enforcement reads appear without details until their disclosure date.
 */
@Component
class AccessLogViews {

    private final AccessHistory history;
    private final CitizenAccountRepository accounts;
    private final RelyingParties relyingParties;
    private final Clock clock;

    AccessLogViews(AccessHistory history, CitizenAccountRepository accounts, RelyingParties relyingParties, Clock clock) {
        this.history = history;
        this.accounts = accounts;
        this.relyingParties = relyingParties;
        this.clock = clock;
    }

    EidViews.AccessPage of(long accountId, int page, int size) {
        if (page < 0 || page > 10_000 || size < 1 || size > AccessHistory.MAX_SIZE) {
            throw ApiProblem.badRequest("PAGE_OUT_OF_RANGE", "page is 0 to 10000 and size 1 to " + AccessHistory.MAX_SIZE);
        }
        String personalId = accounts.find(accountId).orElseThrow().personalId();
        AccessHistory.Page found = history.ofSubject(personalId, LocalDate.now(clock), page, size);
        return new EidViews.AccessPage(found.items().stream().map(this::entry).toList(), found.page(), found.size(), found.hasMore(),
                found.archivedBefore());
    }

    private EidViews.AccessEntry entry(AccessHistory.Item item) {
        String who = item.hidden() ? null : switch (item.actorType()) {
            case "MEMBER" -> relyingParties.byClientId(item.actor()).map(RelyingParty::name).orElse(item.actor());
            case "SELF" -> "SELF";
            default -> item.actor();
        };
        return new EidViews.AccessEntry(item.accessedAt(), who, item.actorType(), item.fields(), item.purpose(), item.purposeCode(),
                item.channel(), item.hidden(), item.disclosedOn());
    }

    @RestController
    static class MeApi {

        private final AccessLogViews views;

        MeApi(AccessLogViews views) {
            this.views = views;
        }

        /** With the citizen's session, or an access token carrying the {@code access_log} scope. */
        @GetMapping("/api/v1/me/access-log")
        EidViews.AccessPage accessLog(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            long accountId = CitizenPrincipal.accountId(auth)
                    .orElseThrow(() -> ApiProblem.forbidden("CITIZENS_ONLY", "This is the citizen's own log"));
            return views.of(accountId, page, size);
        }
    }

}
