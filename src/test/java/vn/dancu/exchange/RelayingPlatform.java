package vn.dancu.exchange;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancu.DancuApplication;

/** The platform with Kafka configured, in a child JVM of {@link KafkaRelayCrashTest}: relays until it is killed. */
public final class RelayingPlatform {

    static String[] arguments(String dataDir, String bootstrapServers) {
        return new String[] {"--dancu.data-dir=" + dataDir, "--dancu.demo=false", "--logging.level.root=WARN",
            "--dancu.kafka.bootstrap-servers=" + bootstrapServers, "--dancu.kafka.batch=25",
            "--dancu.exchange.sequencer-delay=50"};
    }

    static ConfigurableApplicationContext start(String dataDir, String bootstrapServers) {
        return new SpringApplicationBuilder(DancuApplication.class).web(WebApplicationType.NONE)
                .run(arguments(dataDir, bootstrapServers));
    }

    public static void main(String[] args) throws InterruptedException {
        start(args[0], args[1]);
        System.out.println("RELAYING");
        // the relay runs on a daemon thread: the JVM lives until it is killed
        Thread.currentThread().join();
    }
}
