package vn.dancu.exchange;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.Registry;

/**
 * Sector records pushed by the agency that owns them into the person's integrated documents. A
 * push is a call like the others: it states its purpose, and it is written to the access log in
 * its transaction. The agency learns from the answer that the number belongs to a person, and the
 * person sees in "who used my data" which agency added which document.
 */
@Service
class SectorDocuments {

    record Push(String personalId, String kind, String number, String validFrom, String validTo, Map<String, String> details,
                String purpose, String purposeDetail) {
    }

    private final Registry registry;
    private final AccessLog accessLog;
    private final Policies policies;

    SectorDocuments(Registry registry, AccessLog accessLog, Policies policies) {
        this.registry = registry;
        this.accessLog = accessLog;
        this.policies = policies;
    }

    @Transactional
    public Document push(Members.Caller caller, Push body) {
        FieldErrors errors = new FieldErrors();
        String purpose = Verification.purpose(errors, body.purpose(), body.purposeDetail(), null, caller.policy(),
                policies.purposeCodes());
        errors.throwIfAny();
        policies.requirePurpose(caller, purpose);
        if (body.kind() == null || !caller.member().documentKinds().contains(body.kind())) {
            throw ApiProblem.forbidden("DOCUMENT_KIND_NOT_OWNED", "The member owns documents of " + caller.member().documentKinds());
        }
        String personalId = body.personalId() == null ? null : body.personalId().strip();
        Document document = registry.recordDocument(personalId,
                new DocumentRecord(body.kind(), body.number(), body.validFrom(), body.validTo(), body.details()),
                caller.member().code());
        accessLog.record(new AccessLog.Entry(AccessLog.ActorType.MEMBER, caller.member().code(), personalId,
                List.of("personalId", "document:" + body.kind()), Verification.purposeText(purpose, body.purposeDetail()),
                AccessLog.Channel.API, null, purpose));
        return document;
    }
}
