package vn.dancu.cards;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which face matcher answers: {@code dancu.cards.face-matcher=thumbnail} the local implementation,
 * {@code none} no engine (NOT_PERFORMED). Unset: the local one in demo mode, none otherwise, so a
 * production platform never presents the local comparison as a biometric match by default.
 */
@Configuration(proxyBeanMethods = false)
class FaceMatchers {

    @Bean
    FaceMatcher faceMatcher(@Value("${dancu.cards.face-matcher:}") String configured, @Value("${dancu.demo:false}") boolean demo) {
        String choice = configured.isBlank() ? (demo ? "thumbnail" : "none") : configured.strip();
        return switch (choice) {
            case "thumbnail" -> new ThumbnailFaceMatcher();
            case "none" -> FaceMatcher.NONE;
            default -> throw new IllegalStateException("dancu.cards.face-matcher is thumbnail or none, not " + choice);
        };
    }
}
