package vn.dancu.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.audit.AccessLog;
import vn.dancu.cards.ChipChecks;
import vn.dancu.cards.ChipImage;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * {@code POST /api/v1/exchange/cards/chip-checks} (docs/chip.md, docs/api/exchange-v1.md): a member
 * sends what its reader took from a customer's card chip; the platform authenticates it (passive,
 * and active authentication when answered), compares DG13 with the registry, matches the live photo
 * with DG2, and answers with a signed receipt. Admitted as {@code /verify} is (product
 * {@value #PRODUCT}, a purpose of the policy); the holder's consent, where the policy needs it, is
 * checked once the chip is authentic, before the registry is read. A refused chip reads nobody and
 * is answered 422 with its code, recorded and charged one item (the authentication done).
 */
@RestController
@RequestMapping(ExchangeSecurityConfiguration.BASE + "/cards")
@Tag(name = "Data exchange", description = "For members (agencies and businesses) with an API client's bearer token")
class ChipCheckController {

    static final String PRODUCT = "chip-check";
    static final String OPERATION = "CARD_CHIP_CHECK";

    record ActiveAuthentication(String challenge, String response) {
    }

    /** Each group base64 as read from the chip (with its outer tag); {@code face} a live photo, base64 JPEG or PNG. */
    record ChipCheckRequest(String sod, String dg1, String dg2, String dg13, String dg14, String dg15,
                            ActiveAuthentication activeAuthentication, String face, String purpose, String purposeDetail,
                            String caseRef) {
    }

    private final ChipChecks chips;
    private final Policies policies;
    private final DataConsents consents;
    private final Metering metering;
    private final TransactionTemplate transactions;

    ChipCheckController(ChipChecks chips, Policies policies, DataConsents consents, Metering metering,
                        PlatformTransactionManager transactionManager) {
        this.chips = chips;
        this.policies = policies;
        this.consents = consents;
        this.metering = metering;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @PostMapping("/chip-checks")
    @Operation(summary = "Authenticates a card's chip data (passive and active authentication), compares DG13 with the registry "
            + "and a live photo with DG2, and answers with a signed receipt (JWS); a forged chip is refused 422 with its code")
    ChipChecks.Answer chipCheck(@RequestAttribute(ExchangeSecurityConfiguration.CALLER) Members.Caller caller,
                                @RequestBody ChipCheckRequest body) {
        FieldErrors errors = new FieldErrors();
        String purpose = Verification.purpose(errors, body.purpose(), body.purposeDetail(), body.caseRef(), caller.policy(),
                policies.purposeCodes());
        errors.throwIfAny();
        policies.requirePurpose(caller, purpose);
        policies.requireProduct(caller, PRODUCT);
        ChipChecks.Reading reading = chips.read(submission(body));
        if (reading instanceof ChipChecks.Authentic authentic) {
            consents.require(caller, authentic.personalId(), List.of(PRODUCT), purpose);
        }
        metering.admit(caller);
        Outcome outcome;
        try {
            outcome = transactions.execute(status -> switch (reading) {
                case ChipChecks.Authentic authentic -> new Outcome(answer(caller, authentic, purpose, body), null);
                case ChipChecks.Refused refused -> new Outcome(null, refuse(caller, refused, purpose, body));
            });
        } catch (RuntimeException e) {
            metering.release(caller);
            throw e;
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.answer();
    }

    /** Either the answer or the refusal, both committed with their record and charge before the response leaves. */
    private record Outcome(ChipChecks.Answer answer, ApiProblem refusal) {
    }

    private ChipChecks.Answer answer(Members.Caller caller, ChipChecks.Authentic chip, String purpose, ChipCheckRequest body) {
        ChipChecks.Answer answer = chips.answer(chip, Verification.requester(caller, purpose, body.purposeDetail(), body.caseRef(),
                AccessLog.Channel.API));
        charge(caller, answer.itemsAnswered(), purpose, body.caseRef());
        return answer;
    }

    private ApiProblem refuse(Members.Caller caller, ChipChecks.Refused chip, String purpose, ChipCheckRequest body) {
        ApiProblem problem = chips.refuse(chip, AccessLog.ActorType.MEMBER, caller.member().code());
        charge(caller, 1, purpose, body.caseRef());
        return problem;
    }

    private void charge(Members.Caller caller, int items, String purpose, String caseRef) {
        metering.record(List.of(new Metering.Charge(caller.member().id(), OPERATION, PRODUCT, 1, items, purpose,
                caseRef == null || caseRef.isBlank() ? null : caseRef.strip())));
    }

    private static ChipChecks.Submission submission(ChipCheckRequest b) {
        ActiveAuthentication aa = b.activeAuthentication();
        return new ChipChecks.Submission(new ChipImage.Encoded(b.sod(), b.dg1(), b.dg2(), b.dg13(), b.dg14(), b.dg15()),
                aa == null ? null : aa.challenge(), aa == null ? null : aa.response(), b.face());
    }
}
