package vn.dancu.registry;

import java.nio.file.Path;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import vn.dancu.DancuApplication;

/** Run in a child JVM by {@link ImportCrashTest}: imports a file (incrementally, or in the mode given third) until the test kills it with SIGKILL. */
public final class CrashingImport {

    public static void main(String[] args) {
        var context = new SpringApplicationBuilder(DancuApplication.class).web(WebApplicationType.NONE)
                .run("--dancu.data-dir=" + args[0], "--dancu.demo=false", "--logging.level.root=WARN");
        PersonImport.Mode mode = args.length > 2 ? PersonImport.Mode.valueOf(args[2]) : PersonImport.Mode.INCREMENTAL;
        context.getBean(PersonImport.class).importNow(Path.of(args[1]), "crash.csv", "crash.test", mode);
        System.out.println("FINISHED");
    }
}
