package vn.dancu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process and its children, read from Linux's /proc: {@code utime + stime}
 * of {@code /proc/PID/stat} in clock ticks (100 a second), {@code VmRSS} of {@code /proc/PID/status}, and
 * {@code Pss} of {@code /proc/PID/smaps_rollup}, which shares pages such as PostgreSQL's shared buffers out
 * among the processes that map them instead of counting them once per backend.
 */
final class ProcessUsage {

    private static final double TICKS_PER_SECOND = 100;

    private ProcessUsage() {
    }

    /** The process and its descendants alive now. */
    static List<Long> tree(long pid) {
        return ProcessHandle.of(pid).map(p -> Stream.concat(Stream.of(p), p.descendants()).map(ProcessHandle::pid).toList())
                .orElse(List.of());
    }

    /** CPU seconds used so far by these processes (those that ended since are not counted). */
    static double cpuSeconds(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                // the command name in parentheses may hold spaces: fields are counted after its closing parenthesis
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException gone) {
                // the process ended between listing and reading
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The sum of one memory line ({@code VmRSS:} of status, {@code Pss:} of smaps_rollup) in MiB. */
    static double memoryMiB(List<Long> pids, String file, String line) {
        long kib = 0;
        for (long pid : pids) {
            try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), file))) {
                kib += lines.filter(l -> l.startsWith(line)).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).sum();
            } catch (IOException | RuntimeException gone) {
                // ended, or not ours to read
            }
        }
        return kib / 1024.0;
    }

    static double rssMiB(List<Long> pids) {
        return memoryMiB(pids, "status", "VmRSS:");
    }

    static double pssMiB(List<Long> pids) {
        return memoryMiB(pids, "smaps_rollup", "Pss:");
    }
}
