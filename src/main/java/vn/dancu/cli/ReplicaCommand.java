package vn.dancu.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import vn.dancu.platform.DataDirectory;
import vn.dancu.platform.Standby;

/**
 * {@code replica init}: makes a streaming standby of the running platform's embedded PostgreSQL and keeps it running
 * in the foreground until Ctrl-C, for development (docs/deployment.md), following the platform's database when a restart
 * of the platform moves it to another port. The platform reads from it once started with {@code DANCU_REPLICA_URL} set
 * to the address printed; before that, and whenever the standby is down, it reads from the primary. An external
 * primary makes its standby with its own {@code pg_basebackup}.
 */
final class ReplicaCommand {

    static final int DEFAULT_PORT = 5433;

    private ReplicaCommand() {
    }

    /** The platform's database moves to a new port at every start of the platform: the standby follows it. */
    private static void follow(Standby standby) {
        try {
            if (standby.followPrimary()) {
                System.out.println("The platform's database now listens on port " + standby.primaryPort() + ": the standby follows it.");
            }
        } catch (Exception e) {
            System.err.println("Could not point the standby at the platform's database: " + e.getMessage());
        }
    }

    static int run(String[] args, Map<String, String> options) {
        if (args.length == 0 || !args[0].equals("init")) {
            System.err.println("replica needs a command: replica init [--port 5433] [--dir DIR]");
            return 2;
        }
        if (!DataDirectory.embedded()) {
            System.err.println("DANCU_DB_URL names an external PostgreSQL: make its standby with that server's pg_basebackup"
                    + " (docs/deployment.md), then set DANCU_REPLICA_URL.");
            return 2;
        }
        Path dataDir = DataDirectory.configured();
        if (!DataDirectory.inUse(dataDir)) {
            System.err.println("No platform runs on " + dataDir + ": start it first (./dancu run); the standby is copied from its database.");
            return 1;
        }
        int port;
        try {
            port = Integer.parseInt(options.getOrDefault("port", String.valueOf(DEFAULT_PORT)));
        } catch (NumberFormatException e) {
            System.err.println("--port takes a number");
            return 2;
        }
        Path dir = Path.of(options.getOrDefault("dir", dataDir + "-replica")).toAbsolutePath().normalize();
        try {
            Standby standby = Standby.make(dataDir, dir, port);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    standby.close();
                } catch (java.io.IOException e) {
                    System.err.println("Could not stop the standby: " + e.getMessage());
                }
                stopped.countDown();
            }));
            System.out.println("Standby streaming from the platform's database, in " + dir + ".");
            System.out.println("Start the platform with DANCU_REPLICA_URL=" + standby.jdbcUrl()
                    + " to read from it. Ctrl-C stops the standby.");
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                follow(standby);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println("Could not make the standby: " + e.getMessage());
            return 1;
        }
    }
}
