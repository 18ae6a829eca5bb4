package vn.dancu;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import vn.dancu.cli.Commands;

/** The platform, and the command-line tools that run against its database (see {@code ./dancu --help}). */
@SpringBootApplication
public class DancuApplication {

    public static void main(String[] args) {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("run")) {
            SpringApplication.run(DancuApplication.class, rest);
        } else if (command.startsWith("-")) {
            SpringApplication.run(DancuApplication.class, args);
        } else {
            System.exit(Commands.run(DancuApplication.class, command, rest));
        }
    }
}
