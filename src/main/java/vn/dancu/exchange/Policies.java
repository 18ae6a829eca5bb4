package vn.dancu.exchange;

import java.util.Set;
import org.springframework.stereotype.Component;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;

/** The checks every member call passes before anything is read: its purpose and product are in its policy. */
@Component
class Policies {

    private final AccessLog accessLog;

    Policies(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    Set<String> purposeCodes() {
        return accessLog.purposeCodes().keySet();
    }

    /** The codes a member's policy may name: law-enforcement purposes are not for members. */
    java.util.List<vn.dancu.audit.PurposeCodes.Purpose> memberPurposes() {
        return accessLog.purposeCodes().values().stream().filter(p -> !p.lawEnforcement()).toList();
    }

    void requirePurpose(Members.Caller caller, String purposeCode) {
        if (!caller.policy().purposes().contains(purposeCode)) {
            throw ApiProblem.forbidden("PURPOSE_NOT_ALLOWED", "The member's policy does not allow the purpose " + purposeCode
                    + "; it allows " + caller.policy().purposes());
        }
    }

    void requireProduct(Members.Caller caller, String product) {
        if (!caller.policy().products().contains(product)) {
            throw ApiProblem.forbidden("PRODUCT_NOT_IN_POLICY", "The member's policy does not include the product " + product
                    + "; it includes " + caller.policy().products());
        }
    }
}
