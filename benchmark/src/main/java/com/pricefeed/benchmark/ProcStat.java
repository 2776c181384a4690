package com.pricefeed.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time and resident memory of processes, read from Linux's {@code /proc}. */
final class ProcStat {

    /** USER_HZ; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {
    }

    static double cpuSeconds(long pid) {
        return cpuSecondsOf(Path.of("/proc", Long.toString(pid)));
    }

    /**
     * CPU seconds of a JVM's JIT compiler threads (HotSpot's {@code C1 CompilerThread<n>} and
     * {@code C2 CompilerThread<n>}): how much of its CPU went into compiling rather than into its work.
     */
    static double compilerCpuSeconds(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.filter(thread -> comm(thread).matches("C[12] CompilerThre.*"))
                    .mapToDouble(ProcStat::cpuSecondsOf)
                    .sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** User plus system CPU seconds of a process or thread, {@code /proc/<pid>} or {@code /proc/<pid>/task/<tid>}. */
    private static double cpuSecondsOf(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long rssBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds of every process whose command is {@code name} (e.g. all PostgreSQL backends), alive now. */
    static double cpuSecondsOfAll(String name) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> name.equals(comm(p)))
                    .mapToDouble(p -> cpuSeconds(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String comm(Path proc) {
        try {
            return Files.readString(proc.resolve("comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
