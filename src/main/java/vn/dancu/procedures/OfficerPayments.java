package vn.dancu.procedures;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.procedures.payments.Payment;
import vn.dancu.procedures.payments.Receipt;

/**
 * An officer's reads of an application's payment and the cash they take at the counter: for the
 * officers who may read the application ({@link Decisions#forOfficer}, which logs the read), in the
 * same transaction; anyone else's application is not confirmed to exist.
 */
@Service
class OfficerPayments {

    private final Decisions decisions;
    private final ApplicationPayments payments;
    private final ApplicationRepository repository;

    OfficerPayments(Decisions decisions, ApplicationPayments payments, ApplicationRepository repository) {
        this.decisions = decisions;
        this.payments = payments;
        this.repository = repository;
    }

    @Transactional
    public Optional<Payment> of(String code, AccessLog.Channel channel) {
        decisions.forOfficer(code, channel);
        return payments.payment(repository.byCode(code).orElseThrow());
    }

    @Transactional
    public Receipt cash(String code, String reference, Long amount, AccessLog.Channel channel) {
        decisions.forOfficer(code, channel);
        return payments.cash(repository.byCode(code).orElseThrow(), reference, amount, CurrentStaff.require().username());
    }
}
