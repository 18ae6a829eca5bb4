package vn.dancu.statistics.web;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.dancu.statistics.Statistics;

/**
 * The IOC's live updates. One poll of {@link Statistics#freshness()} a second on each instance,
 * whatever the number of open pages; when the figures have moved, every subscriber hears a
 * {@code figures} event with the batch and the time of the latest change, and fetches what it
 * shows again. The event names no figure: each page reads its own area, within its reader's reach.
 */
@Component
class LiveFigures {

    /** What a page hears: the batch folded in last and when its latest change happened, as pages write times. */
    record Change(long batch, Instant latestChangeAt, String latestChange) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    /** A page reconnects after this (EventSource does so by itself); it misses nothing, since it refetches on connecting. */
    private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private final Statistics statistics;
    /** Each open page, with the batch it heard last: it never hears the same batch twice. */
    private final Map<SseEmitter, Long> subscribers = new ConcurrentHashMap<>();
    private volatile Change last;

    LiveFigures(Statistics statistics) {
        this.statistics = statistics;
    }

    static Change change(Statistics.Freshness freshness) {
        if (freshness == null) {
            return new Change(0, null, "");
        }
        Instant at = freshness.latestChangeAt();
        return new Change(freshness.batch(), at, at == null ? "" : TIME.format(at));
    }

    /** A new subscriber hears the current state at once, so that it starts from the figures it then fetches. */
    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        Change now = change(statistics.freshness().orElse(null));
        if (last == null) {
            last = now;
        }
        if (send(emitter, now)) {
            subscribers.put(emitter, now.batch());
        }
        return emitter;
    }

    @Scheduled(fixedDelayString = "${dancu.ioc.poll:1000}", initialDelay = 1000)
    void poll() {
        if (subscribers.isEmpty()) {
            last = null;
            return;
        }
        Change now = change(statistics.freshness().orElse(null));
        Change before = last;
        last = now;
        if (before != null && before.batch() == now.batch() && Objects.equals(before.latestChangeAt(), now.latestChangeAt())) {
            return;
        }
        subscribers.forEach((emitter, heard) -> {
            if (heard == now.batch()) {
                return; // it connected after this batch was folded in, and heard it then
            }
            if (send(emitter, now)) {
                subscribers.replace(emitter, now.batch());
            } else {
                subscribers.remove(emitter);
            }
        });
    }

    /** A comment now and then: a page that has gone is noticed, and proxies keep the stream open. */
    @Scheduled(fixedDelay = 20_000, initialDelay = 20_000)
    void keepAlive() {
        subscribers.keySet().forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                subscribers.remove(emitter);
            }
        });
    }

    private static boolean send(SseEmitter emitter, Change change) {
        try {
            emitter.send(SseEmitter.event().name("figures").reconnectTime(2000).data(change, MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return false;
        }
    }
}
