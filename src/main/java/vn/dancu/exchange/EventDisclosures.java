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

    @Transactional(propagation = Propagation.MANDATORY)
    void record(Members.Caller caller, List<ChangeEvents.Event> events, String purposeCode, String purposeDetail,
                AccessLog.Channel channel) {
        if (events.isEmpty()) {
            return;
        }
        String purpose = Verification.purposeText(purposeCode, purposeDetail);
        accessLog.recordAll(events.stream().map(e -> new AccessLog.Entry(AccessLog.ActorType.MEMBER, caller.member().code(),
                e.personalId(), List.of("event:" + e.type()), purpose, channel, null, purposeCode)).toList());
        metering.record(events.stream().map(e -> new Metering.Charge(caller.member().id(), "EVENT",
                ChangeEvents.PRODUCT_OF.get(e.type()), 1, 1, purposeCode, null)).toList());
    }
}
