package vn.dancu.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Scheduling is on: the access-log sealer, key rotation and the purges run in the background. */
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
class PlatformConfiguration {

    /** Vietnam's time: dates of birth, deadlines and "today" are Vietnamese dates wherever the server runs. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(VIETNAM);
    }
}
