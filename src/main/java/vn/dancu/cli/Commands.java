package vn.dancu.cli;

import java.io.Console;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancu.identity.Staff;
import vn.dancu.identity.StaffAccounts;
import vn.dancu.identity.StaffRole;
import vn.dancu.platform.ApiProblem;

/**
 * Command-line tools that work directly on the platform's database, with the server stopped
 * (the embedded database admits one process at a time) or against an external PostgreSQL.
 */
public final class Commands {

    private Commands() {
    }

    private static int bench(Class<?> application, String[] args) {
        String suite = args.length > 0 ? args[0] : "";
        Map<String, String> options = options(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        if (Boolean.parseBoolean(options.getOrDefault("profile", "false"))) {
            // read by the embedded database (pg_stat_statements) and by every suite's Profile
            System.setProperty("dancu.db.profile", "true");
        }
        return switch (suite) {
            case "registry" -> RegistryBenchmark.run(application, options);
            case "identity" -> IdentityBenchmark.run(application, options);
            case "exchange" -> ExchangeBenchmark.run(application, options);
            case "procedures" -> ProcedureBenchmark.run(application, options);
            case "statistics" -> StatisticsBenchmark.run(application, options);
            case "cards" -> CardsBenchmark.run(options);
            default -> usageError("bench needs a suite: bench registry [--persons N] [--increment M] | bench identity [--citizens N]"
                    + " | bench exchange [--persons N] | bench procedures [--mothers N] | bench statistics [--persons N]"
                    + " | bench cards [--cards N]");
        };
    }

    public static int run(Class<?> application, String command, String[] args) {
        return switch (command) {
            case "create-admin" -> createAdmin(application, options(args));
            case "generate" -> Generate.run(options(args));
            case "import" -> ImportClient.run(options(args));
            case "bench" -> bench(application, args);
            case "statistics" -> StatisticsCommand.run(application, args);
            case "cards" -> CardsCommand.run(args);
            case "replica" -> ReplicaCommand.run(args,
                    options(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length)));
            case "kafka" -> KafkaCommand.run(options(args));
            case "audit" -> AuditCommand.run(application, args,
                    options(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length)));
            case "help", "--help", "-h" -> {
                System.out.println(usage());
                yield 0;
            }
            default -> {
                System.err.println("Unknown command: " + command + "\n" + usage());
                yield 2;
            }
        };
    }

    static String usage() {
        return """
                java -jar dancu.jar [run] [--server.port=N]    start the platform
                java -jar dancu.jar create-admin --username NAME [--display-name TEXT]
                    create an administrator; the password is read from DANCU_ADMIN_PASSWORD or asked for
                java -jar dancu.jar generate --count N --seed S --out FILE.csv [--as-of yyyy-MM-dd]
                    write N synthetic persons (docs/import-format.md); the same seed gives the same file
                java -jar dancu.jar import --file FILE.csv [--mode auto|initial|incremental] [--url http://localhost:8080] [--user NAME] [--code OTP]
                    import a person file into a running platform (initial: the national load into an empty
                    registry; auto: that when the registry is empty); password from DANCU_PASSWORD or asked for,
                    the authenticator app's code from --code, DANCU_OTP or asked for (none in demo mode)
                java -jar dancu.jar bench registry [--persons N] [--increment M] [--import-only true] [--seconds S] [--concurrency C] [--out FILE]
                    measure the national load, an incremental import, lookup and search against baselines in the same run (docs/benchmarks.md)
                java -jar dancu.jar kafka [--port 9092] [--data-dir DIR]
                    a local single-node Kafka broker for development (fetched into target/kafka on the first run)
                java -jar dancu.jar audit verify [--witness DIR|FILE|URL] [--url URL --user auditor]
                    check the access log: every row's MAC, the hash chain, the signed checkpoints, and the
                    checkpoints witnesses hold (the platform's journal always, and the one given)
                java -jar dancu.jar audit witness --url URL [--dir DIR]
                    keep a copy of a platform's signed checkpoints (run it from cron on another machine)
                java -jar dancu.jar replica init [--port 5433] [--dir DIR]
                    make a streaming standby of the running platform's embedded database and run it until Ctrl-C;
                    the platform reads from it with DANCU_REPLICA_URL (docs/deployment.md)
                java -jar dancu.jar audit retention [--table audit.access_log|exchange.usage --months N --by NAME]
                    the months the access log (or metering) stays in the database before it is archived; set, recorded
                java -jar dancu.jar statistics rebuild
                    recompute every figure from the source tables (docs/statistics.md); the platform stopped,
                    or any number running on an external PostgreSQL
                java -jar dancu.jar bench identity [--citizens N] [--seconds S] [--concurrency C] [--out FILE]
                    measure client_credentials tokens and complete code flows against baselines (docs/benchmarks.md)
                java -jar dancu.jar bench exchange [--persons N] [--seconds S] [--concurrency C] [--out FILE]
                    measure verification and reconciliation against plain JDBC and COPY baselines (docs/benchmarks.md)
                java -jar dancu.jar bench procedures [--mothers N] [--seconds S] [--concurrency C] [--out FILE]
                    measure the linked birth registration lodged and completed by scripted officers (docs/benchmarks.md)
                java -jar dancu.jar bench statistics [--persons N] [--base N] [--seconds S] [--rate R] [--out FILE]
                    measure the statistics' write cost, the IOC's answers and live delay, and the rebuild (docs/benchmarks.md)
                java -jar dancu.jar cards make-chip --personal-id N [--out DIR] [--challenge HEX] [--url URL --user admin]
                    demo mode: write chip images of a registry person's card, genuine and tampered (docs/chip.md)
                java -jar dancu.jar bench cards [--cards N] [--seconds S] [--threads T] [--out FILE]
                    measure chip checks per second against the bare signature and hash work (docs/benchmarks.md)
                """;
    }

    static int usageError(String message) {
        System.err.println(message + "\n" + usage());
        return 2;
    }

    /** A password from an environment variable, or asked for on the terminal. */
    static String password(String variable, String prompt) {
        String password = System.getenv(variable);
        if (password != null) {
            return password;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("No terminal to ask for the password: set " + variable);
        }
        return new String(console.readPassword(prompt));
    }

    private static int createAdmin(Class<?> application, Map<String, String> options) {
        String username = options.get("username");
        if (username == null) {
            System.err.println("--username is required\n" + usage());
            return 2;
        }
        if (vn.dancu.platform.DataDirectory.embedded() && vn.dancu.platform.DataDirectory.inUse(vn.dancu.platform.DataDirectory.configured())) {
            System.err.println("A platform is running on " + vn.dancu.platform.DataDirectory.configured()
                    + ": stop it first (create-admin opens its database itself).");
            return 2;
        }
        String password = System.getenv("DANCU_ADMIN_PASSWORD");
        if (password == null) {
            Console console = System.console();
            if (console == null) {
                System.err.println("No terminal to ask for the password: set DANCU_ADMIN_PASSWORD");
                return 2;
            }
            password = new String(console.readPassword("Password for %s (12 characters or more): ", username));
            String again = new String(console.readPassword("Again: "));
            if (!password.equals(again)) {
                System.err.println("The passwords differ");
                return 2;
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run("--dancu.demo=false")) {
            Staff staff = context.getBean(StaffAccounts.class).create(new StaffAccounts.NewAccount(username, password,
                    options.getOrDefault("display-name", "Quản trị hệ thống"), StaffRole.ADMIN, null));
            System.out.println("Created administrator " + staff.username());
            return 0;
        } catch (ApiProblem problem) {
            System.err.println("Not created: " + problem.getMessage() + " " + problem.errors());
            return 1;
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String key = args[i].substring(2);
                int eq = key.indexOf('=');
                if (eq > 0) {
                    options.put(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                    options.put(key, "true"); // a flag: --profile
                } else {
                    options.put(key, args[++i]);
                }
            }
        }
        return options;
    }
}
