package vn.dancu.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), in a JVM of its own
 * started from a class path that holds {@code kafka_2.13}: for development ({@code ./dancu kafka}) and for the
 * tests. Its storage is formatted once; later starts find it formatted and keep its topics.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Process process;
    private final int port;

    private KafkaBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the broker on {@code port} (its controller on {@code port + 1}) with its data under {@code dir}, and
     * returns once it accepts connections. {@code output} gets its console, or the caller's when null.
     */
    public static KafkaBroker start(String classPath, Path dir, int port, Path output, Duration patience) throws IOException {
        Path data = dir.resolve("data");
        Path properties = dir.resolve("server.properties");
        Files.createDirectories(dir);
        Files.writeString(properties, serverProperties(data, port));
        Path logging = dir.resolve("logback.xml");
        // with the tests' class path the broker would log through logback at DEBUG: warnings are enough
        Files.writeString(logging, """
                <configuration><appender name="out" class="ch.qos.logback.core.ConsoleAppender"><encoder>
                <pattern>%d %-5level %logger{20} %msg%n</pattern></encoder></appender>
                <root level="WARN"><appender-ref ref="out"/></root></configuration>
                """);
        if (!Files.exists(data.resolve("meta.properties"))) {
            Process format = java(classPath, logging, output, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", properties.toString(), "--standalone");
            try {
                if (format.waitFor() != 0) {
                    throw new IOException("Formatting the Kafka storage in " + data + " failed (exit " + format.exitValue() + ")");
                }
            } catch (InterruptedException e) {
                format.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        KafkaBroker broker = new KafkaBroker(java(classPath, logging, output, "kafka.Kafka", properties.toString()), port);
        try {
            broker.awaitPort(patience);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Process process() {
        return process;
    }

    private void awaitPort(Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("The Kafka broker stopped with exit " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IOException("The Kafka broker did not open port " + port + " within " + patience);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String serverProperties(Path data, int port) {
        int controller = port + 1;
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=3
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controller, data.toAbsolutePath());
    }

    private static Process java(String classPath, Path logging, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logging.toAbsolutePath(), "-cp", classPath));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (output == null) {
            builder.inheritIO();
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        }
        return builder.start();
    }

    /** Stops the broker (it writes its logs' end first; a kill would only make the next start slower). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
