package vn.dancu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./dancu kafka}: a local single-node Kafka broker for development. Its jars are not in dancu.jar: the first
 * run fetches them from Maven Central through the Maven wrapper into {@code target/kafka/lib} (the same Kafka
 * version as the platform's client); later runs need no network. Its storage is formatted once, in
 * {@code <data dir>/kafka}; it runs in the foreground until Ctrl-C.
 */
final class KafkaCommand {

    private KafkaCommand() {
    }

    static int run(Map<String, String> options) {
        try {
            int port = Integer.parseInt(options.getOrDefault("port", "9092"));
            if (port < 1024 || port > 65534) {
                System.err.println("--port is 1024 to 65534 (the controller takes the next port)");
                return 2;
            }
            Path dataDir = Path.of(options.getOrDefault("data-dir", System.getenv().getOrDefault("DANCU_DATA_DIR", "./data")));
            String classPath = brokerClassPath(Path.of("target/kafka"));
            try (KafkaBroker broker = KafkaBroker.start(classPath, dataDir.resolve("kafka"), port, null, Duration.ofMinutes(2))) {
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                System.out.println("Kafka " + kafkaVersion() + " (KRaft, one node) at " + broker.bootstrapServers()
                        + ", data in " + dataDir.resolve("kafka").toAbsolutePath());
                System.out.println("Start the platform with DANCU_KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers() + " ./dancu run");
                return broker.process().waitFor();
            }
        } catch (NumberFormatException e) {
            System.err.println("--port is a number");
            return 2;
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The broker's jars, fetched on the first run. */
    static String brokerClassPath(Path dir) throws IOException, InterruptedException {
        Path lib = dir.resolve("lib");
        if (!Files.isDirectory(lib) || jars(lib).isEmpty()) {
            Path mvnw = Path.of("mvnw");
            if (!Files.isExecutable(mvnw)) {
                throw new IOException("./dancu kafka fetches the broker through the Maven wrapper: run it from the dancu checkout");
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0">
                      <modelVersion>4.0.0</modelVersion>
                      <groupId>vn.dancu</groupId>
                      <artifactId>kafka-broker</artifactId>
                      <version>1</version>
                      <packaging>pom</packaging>
                      <dependencies>
                        <dependency>
                          <groupId>org.apache.kafka</groupId>
                          <artifactId>kafka_2.13</artifactId>
                          <version>%s</version>
                        </dependency>
                      </dependencies>
                    </project>
                    """.formatted(kafkaVersion()));
            System.out.println("Fetching the Kafka broker's jars into " + lib + " (first run only)...");
            Process fetch = new ProcessBuilder("./mvnw", "-q", "-B", "-f", dir.resolve("pom.xml").toString(),
                    "dependency:copy-dependencies", "-DoutputDirectory=lib").inheritIO().start();
            if (fetch.waitFor() != 0) {
                throw new IOException("Fetching the Kafka broker failed (exit " + fetch.exitValue() + ")");
            }
        }
        return jars(lib).stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** The version of the platform's Kafka client, which the broker is fetched at. */
    static String kafkaVersion() throws IOException {
        java.util.Properties version = new java.util.Properties();
        try (var in = KafkaCommand.class.getClassLoader().getResourceAsStream("kafka/kafka-version.properties")) {
            if (in == null) {
                throw new IOException("kafka-clients is not on the class path");
            }
            version.load(in);
        }
        return version.getProperty("version");
    }

    private static List<Path> jars(Path lib) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
