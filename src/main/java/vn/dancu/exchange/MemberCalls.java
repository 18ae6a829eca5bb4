package vn.dancu.exchange;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * For other modules that serve members under their own paths (the open statistics): the same
 * authentication, policy checks, quota and metering as the members' API, so a member's statement
 * and quota count every answer it got, whichever module gave it.
 */
@Service
public class MemberCalls {

    /** The calling member, as the filter of {@link #filter()} found it. */
    public static final class Call {

        private final Members.Caller caller;

        private Call(Members.Caller caller) {
            this.caller = caller;
        }

        public long memberId() {
            return caller.member().id();
        }

        public String memberCode() {
            return caller.member().code();
        }

        /** {@code AGENCY} or {@code BUSINESS}. */
        public String memberKind() {
            return caller.member().kind();
        }

        public List<String> products() {
            return caller.policy().products();
        }
    }

    private final CallerTokens tokens;
    private final Members members;
    private final Policies policies;
    private final Metering metering;

    MemberCalls(CallerTokens tokens, Members members, Policies policies, Metering metering) {
        this.tokens = tokens;
        this.members = members;
        this.policies = policies;
        this.metering = metering;
    }

    /** The filter that admits a member's API client with its bearer token, as on {@code /api/v1/exchange}. */
    public Filter filter() {
        return new ExchangeSecurityConfiguration.CallerFilter(tokens, members);
    }

    /** The member the filter admitted for this request. */
    public Call caller(HttpServletRequest request) {
        if (!(request.getAttribute(ExchangeSecurityConfiguration.CALLER) instanceof Members.Caller caller)) {
            throw new IllegalStateException("No member was admitted for " + request.getRequestURI());
        }
        return new Call(caller);
    }

    public Set<String> purposeCodes() {
        return policies.purposeCodes();
    }

    /**
     * The purpose and the product are in the member's policy, and the call fits its daily quota;
     * else a problem (PURPOSE_NOT_ALLOWED, PRODUCT_NOT_IN_POLICY, QUOTA_EXCEEDED).
     */
    public void admit(Call call, String product, String purposeCode) {
        policies.requireProduct(call.caller, product);
        policies.requirePurpose(call.caller, purposeCode);
        metering.admit(call.caller);
    }

    /** Gives the call back to the quota when no answer was given. */
    public void release(Call call) {
        metering.release(call.caller);
    }

    /** Writes the answer down for the member's statement: one call, {@code fields} items at the product's fee of the day. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void charge(Call call, String operation, String product, int fields, String purposeCode) {
        if (fields < 0) {
            throw new IllegalArgumentException("A charge counts no negative number of items");
        }
        metering.record(List.of(new Metering.Charge(call.memberId(), operation, product, 1, fields, purposeCode, null)));
    }
}
