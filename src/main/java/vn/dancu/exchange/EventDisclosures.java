package vn.dancu.exchange;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;

/** An event handed to a member, read or pushed, is a read of the person's data: logged and metered in the handing transaction. */
@Component
class EventDisclosures {

    private final AccessLog accessLog;
    private final Metering metering;

    EventDisclosures(AccessLog accessLog, Metering metering) {
        this.accessLog = accessLog;
        this.metering = metering;
    }

    /** A page of events read by the member: logged, and metered as one call with one field per event. */
    @Transactional(propagation = Propagation.MANDATORY)
    void record(Members.Caller caller, List<ChangeEvents.Event> events, String purposeCode, String purposeDetail) {
        logged(caller, events, purposeCode, purposeDetail);
        List<Metering.Charge> charges = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            charges.add(new Metering.Charge(caller.member().id(), "EVENT", ChangeEvents.PRODUCT_OF.get(events.get(i).type()),
                    i == 0 ? 1 : 0, 1, purposeCode, null));
        }
        if (!charges.isEmpty()) {
            metering.record(charges);
        }
    }

    /** Each sending is a disclosure, logged when it leaves; the fee is charged once, when a delivery succeeds. */
    @Transactional(propagation = Propagation.MANDATORY)
    void logged(Members.Caller caller, List<ChangeEvents.Event> events, String purposeCode, String purposeDetail) {
        if (events.isEmpty()) {
            return;
        }
        String purpose = Verification.purposeText(purposeCode, purposeDetail);
        accessLog.recordAll(events.stream().map(e -> new AccessLog.Entry(AccessLog.ActorType.MEMBER, caller.member().code(),
                e.personalId(), List.of("event:" + e.type()), purpose, AccessLog.Channel.API, null, purposeCode)).toList());
    }
}
