package vn.dancu.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.cards.CardCheck;
import vn.dancu.cards.CardChecks;
import vn.dancu.cards.CardQr;
import vn.dancu.cards.CardStatement;
import vn.dancu.platform.FieldErrors;

/**
 * {@code POST /api/v1/exchange/cards/qr-checks}: a member reads a customer's identity card QR code
 * and asks whether it agrees with the registry. Admitted, refused, metered and logged as
 * {@code /verify} is (product {@value #PRODUCT}, a purpose of the policy, the holder's consent
 * where the policy needs it); the card rules are the cards module's.
 */
@RestController
@RequestMapping(ExchangeSecurityConfiguration.BASE + "/cards")
@Tag(name = "Data exchange", description = "For members (agencies and businesses) with an API client's bearer token")
class CardCheckController {

    static final String PRODUCT = "card-check";
    static final String OPERATION = "CARD_QR_CHECK";

    /** The QR code's text as the member's scanner read it, and why the member checks it. */
    record QrCheckRequest(String qr, String purpose, String purposeDetail, String caseRef) {
    }

    /** What the QR states, as read; the member sent it, so it is theirs to see again. */
    record QrCard(String layout, String personalId, String legacyId, String fullName, LocalDate dateOfBirth, String gender,
                  String permanentAddress, LocalDate issueDate) {
    }

    /** The registry's answer, yes/no only: no registry value in it. */
    record QrCheckAnswer(QrCard card, boolean found, Boolean alive, CardCheck.CardState cardStatus,
                         Map<String, CardCheck.FieldCheck> matches, boolean allAgree, int fieldsCharged) {
    }

    private final CardChecks cards;
    private final Policies policies;
    private final DataConsents consents;
    private final Metering metering;
    private final TransactionTemplate transactions;

    CardCheckController(CardChecks cards, Policies policies, DataConsents consents, Metering metering,
                        PlatformTransactionManager transactionManager) {
        this.cards = cards;
        this.policies = policies;
        this.consents = consents;
        this.metering = metering;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @PostMapping("/qr-checks")
    @Operation(summary = "Reads an identity card's QR code and answers, per field it states, whether the registry agrees; "
            + "also whether the holder is alive and the card current. Returns no registry data")
    QrCheckAnswer qrCheck(@RequestAttribute(ExchangeSecurityConfiguration.CALLER) Members.Caller caller,
                          @RequestBody QrCheckRequest body) {
        FieldErrors errors = new FieldErrors();
        String purpose = Verification.purpose(errors, body.purpose(), body.purposeDetail(), body.caseRef(), caller.policy(),
                policies.purposeCodes());
        CardQr.Reading reading = cards.readQr(body.qr());
        if (reading instanceof CardQr.Malformed malformed) {
            malformed.problems().forEach(p -> errors.add(p.field(), p.code(), p.message()));
        }
        errors.throwIfAny();
        CardQr.Read read = (CardQr.Read) reading;
        policies.requirePurpose(caller, purpose);
        policies.requireProduct(caller, PRODUCT);
        consents.require(caller, read.statement().personalId().value(), List.of(PRODUCT), purpose);
        metering.admit(caller);
        try {
            return transactions.execute(status -> check(caller, read, purpose, body));
        } catch (RuntimeException e) {
            metering.release(caller);
            throw e;
        }
    }

    /** The check and its charge in one transaction: no answer leaves without its access-log record and its fee. */
    private QrCheckAnswer check(Members.Caller caller, CardQr.Read read, String purpose, QrCheckRequest body) {
        CardCheck check = cards.check(read.statement(), CardChecks.member(caller.member().code(), purpose, body.purposeDetail(),
                body.caseRef()));
        // each field answered yes or no, whether alive and the card's status; a field the registry does not keep is free
        int charged = check.found() ? answered(check) + 2 : 0;
        metering.record(List.of(new Metering.Charge(caller.member().id(), OPERATION, PRODUCT, 1, charged, purpose,
                body.caseRef() == null || body.caseRef().isBlank() ? null : body.caseRef().strip())));
        return new QrCheckAnswer(card(read), check.found(), check.found() ? check.alive() : null, check.card(), check.fields(),
                check.allAgree(), charged);
    }

    private static int answered(CardCheck check) {
        return (int) check.fields().values().stream().filter(f -> f != CardCheck.FieldCheck.NOT_RECORDED).count();
    }

    private static QrCard card(CardQr.Read read) {
        CardStatement s = read.statement();
        return new QrCard(read.layout().name(), s.personalId().value(), s.legacyId() == null ? null : s.legacyId().value(),
                s.fullName(), s.dateOfBirth(), s.gender().name(), s.permanentAddress(), s.issueDate());
    }
}
