package vn.dancu.cli;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancu.platform.DataDirectory;
import vn.dancu.statistics.Rebuild;

/**
 * {@code statistics rebuild}: recomputes every figure from the source tables (docs/statistics.md).
 * It works on the platform's database: with the embedded database the platform must be stopped
 * (one process at a time); an external PostgreSQL may be in use by running instances meanwhile,
 * since the rebuild replaces the figures in one transaction and keeps the changes made during it.
 * Exit code 0 when rebuilt, 2 when it could not.
 */
final class StatisticsCommand {

    private StatisticsCommand() {
    }

    static int run(Class<?> application, String[] args) {
        if (args.length == 0 || !args[0].equals("rebuild")) {
            return Commands.usageError("statistics needs a command: statistics rebuild");
        }
        if (DataDirectory.embedded() && DataDirectory.inUse(DataDirectory.configured())) {
            System.err.println("A platform is running on " + DataDirectory.configured() + ": stop it first"
                    + " (the rebuild opens its database itself).");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run("--dancu.demo=false", "--dancu.statistics.rebuild-on-start=false",
                        "--logging.level.root=WARN")) {
            Rebuild.Result result = context.getBean(Rebuild.class).run();
            System.out.printf("Rebuilt %d figures of %d facts as of %s in %.1f s%n", result.figures(), result.facts().size(),
                    result.asOf(), result.took().toMillis() / 1000.0);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("Could not rebuild: " + e.getClass().getSimpleName());
            return 2;
        }
    }
}
