package vn.dancu.exchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The member's choice of Kafka for its change events (docs/api/kafka.md). */
@RestController
@RequestMapping(ExchangeSecurityConfiguration.BASE + "/kafka")
@Tag(name = "Data exchange")
class KafkaController {

    private static final String CALLER = ExchangeSecurityConfiguration.CALLER;

    private final KafkaSubscriptions subscriptions;

    KafkaController(KafkaSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PutMapping
    @Operation(summary = "Take change events from the member's own Kafka topic, for these types and purpose")
    KafkaSubscriptions.Subscription choose(@RequestAttribute(CALLER) Members.Caller caller, @RequestBody KafkaSubscriptions.Form body) {
        return subscriptions.choose(caller, body);
    }

    @GetMapping
    @Operation(summary = "The member's Kafka topic, types, purpose and first position")
    KafkaSubscriptions.Subscription get(@RequestAttribute(CALLER) Members.Caller caller) {
        return subscriptions.of(caller);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop delivering to the member's Kafka topic")
    void leave(@RequestAttribute(CALLER) Members.Caller caller) {
        subscriptions.leave(caller);
    }
}
