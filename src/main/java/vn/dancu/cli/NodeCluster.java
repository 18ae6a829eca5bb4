package vn.dancu.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.dancu.platform.ClusterDatabase;

/**
 * Two platform nodes (child JVMs of this build, one master key) on one embedded PostgreSQL, behind
 * Debian's nginx, round robin, as docs/nodes.md describes: what {@code TwoNodeTest} and
 * {@code bench soak} run. The first node migrates and seeds; the second starts once {@code seeded}
 * holds; nginx last.
 */
public final class NodeCluster implements AutoCloseable {

    public static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final String APPLICATION = "vn.dancu.DancuApplication";

    /**
     * {@code jvmOptions} and {@code environment} are added to every node's; {@code proxyDirectives} go into
     * nginx's {@code location} (e.g. which failures it retries on the other node).
     */
    public record Settings(Path work, String masterKey, List<String> jvmOptions, Map<String, String> environment,
                           String proxyDirectives) {
    }

    /** A condition polled until it holds. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** What the first node must have written before the second starts, asked of the cluster's database. */
    public interface Seeded {
        boolean holds(NodeCluster cluster) throws Exception;
    }

    private final Settings settings;
    private final ClusterDatabase database;
    private final int[] ports = new int[2];
    private final int balancer;
    private final List<Process> nodes = new ArrayList<>();
    private Process nginx;

    private NodeCluster(Settings settings, ClusterDatabase database) throws IOException {
        this.settings = settings;
        this.database = database;
        ports[0] = freePort();
        ports[1] = freePort();
        balancer = freePort();
    }

    /** Starts the database, node 1, waits for {@code seeded}, then node 2 and nginx; stops what it started if one fails. */
    public static NodeCluster start(Settings settings, Seeded seeded) throws Exception {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException(NGINX + " not found (apt-get install nginx-light)");
        }
        NodeCluster cluster = new NodeCluster(settings, ClusterDatabase.start(settings.work().resolve("db")));
        try {
            cluster.nodes.add(cluster.startNode(0));
            cluster.waitForLogin(0);
            waitFor(() -> seeded.holds(cluster), "the first node's data", Duration.ofMinutes(5));
            cluster.nodes.add(cluster.startNode(1));
            cluster.waitForLogin(1);
            cluster.nginx = cluster.startNginx();
            waitFor(() -> {
                if (!cluster.nginx.isAlive()) {
                    throw new IllegalStateException("nginx stopped:\n" + Files.readString(cluster.dir("nginx").resolve("nginx.log")));
                }
                return cluster.answersLogin(cluster.balancer);
            }, "nginx", Duration.ofMinutes(1));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    public int port(int node) {
        return ports[node];
    }

    public int balancer() {
        return balancer;
    }

    /** What clients call: nginx. */
    public String url() {
        return "http://127.0.0.1:" + balancer;
    }

    public String nodeUrl(int node) {
        return "http://127.0.0.1:" + ports[node];
    }

    public ClusterDatabase database() {
        return database;
    }

    /** The node's process; its process id for resource figures. */
    public Process node(int index) {
        return nodes.get(index);
    }

    public Process nginx() {
        return nginx;
    }

    /** A node's working directory: its data directory, its log {@code platform.log}; beside it {@code nodeN-witness}. */
    public Path dir(String name) {
        return settings.work().resolve(name);
    }

    /** Stops both nodes gracefully (each finishes its requests and its sealer round) and waits for them. */
    public void stopNodes() throws InterruptedException {
        nodes.forEach(Process::destroy);
        for (Process node : nodes) {
            if (!node.waitFor(2, TimeUnit.MINUTES)) {
                node.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Runs a command of this build ({@code audit verify ...}) in a child JVM with node 1's environment and data
     * directory, as an operator would on that machine; its output goes to {@code log}. Returns its exit code.
     */
    public int command(Path log, List<String> args) throws IOException, InterruptedException {
        List<String> command = java(List.of("-Xmx512m"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment(0));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", args) + " did not end within 10 minutes");
        }
        return process.exitValue();
    }

    // --- the database, as its superuser

    public String query(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.superuser(), database.superuserPassword());
    }

    @Override
    public void close() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor();
        }
        stopNodes();
        database.close();
    }

    // --- the nodes and the balancer

    private Process startNode(int index) throws IOException {
        Path dir = dir("node" + (index + 1));
        Files.createDirectories(dir);
        List<String> command = java(settings.jvmOptions());
        command.add("run");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("platform.log").toFile());
        Map<String, String> env = environment(index);
        env.put("SERVER_PORT", String.valueOf(ports[index]));
        builder.environment().putAll(env);
        return builder.start();
    }

    private Map<String, String> environment(int index) {
        Map<String, String> env = new HashMap<>(database.nodeEnvironment());
        env.putAll(Map.of("DANCU_MASTER_KEY", settings.masterKey(), "DANCU_DATA_DIR", dir("node" + (index + 1)).toString(),
                "DANCU_TRUSTED_PROXIES", "127.0.0.1", "DANCU_PUBLIC_URL", url()));
        env.putAll(settings.environment());
        return env;
    }

    /** This build's JVM: the jar it was started from, or the class path of a test run. */
    private static List<String> java(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        String classPath = System.getProperty("java.class.path");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, APPLICATION));
        }
        return command;
    }

    private Process startNginx() throws IOException {
        Path dir = dir("nginx");
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off; worker_processes 1; worker_rlimit_nofile 16384; pid %1$s/nginx.pid; error_log stderr warn;
                events { worker_connections 8192; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp/body; proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi; uwsgi_temp_path %1$s/tmp/uwsgi; scgi_temp_path %1$s/tmp/scgi;
                  upstream dancu { server 127.0.0.1:%2$d; server 127.0.0.1:%3$d; keepalive 32; }
                  server {
                    listen 127.0.0.1:%4$d; client_max_body_size 0;
                    location / {
                      proxy_pass http://dancu; proxy_http_version 1.1; proxy_set_header Connection "";
                      proxy_set_header Host $host:$server_port;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto $scheme;
                      proxy_set_header X-Forwarded-Host $host; proxy_set_header X-Forwarded-Port $server_port;
                      proxy_request_buffering off; proxy_buffering off;
                      %5$s
                    }
                  }
                }
                """.formatted(dir, ports[0], ports[1], balancer, settings.proxyDirectives()));
        return new ProcessBuilder(NGINX.toString(), "-c", dir.resolve("nginx.conf").toString(), "-p", dir + "/", "-e", "stderr")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile()).start();
    }

    private void waitForLogin(int index) throws Exception {
        waitFor(() -> {
            if (!nodes.get(index).isAlive()) {
                throw new IllegalStateException("node " + (index + 1) + " stopped:\n"
                        + Files.readString(dir("node" + (index + 1)).resolve("platform.log")));
            }
            return answersLogin(ports[index]);
        }, "node " + (index + 1) + " to start", Duration.ofMinutes(5));
    }

    private boolean answersLogin(int port) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    public static void waitFor(Condition condition, String what, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Waited " + limit.toSeconds() + " s in vain for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
