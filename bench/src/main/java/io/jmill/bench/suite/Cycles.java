package io.jmill.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU cycles of the worker threads from {@code perf stat -e cycles}, where the kernel and the
 * (virtual) machine let perf count them. Virtual machines often report {@code <not supported>}:
 * then {@link #perfAvailable()} is false and the suite estimates cycles from CPU time instead.
 */
final class Cycles {
    private static volatile Boolean available;

    private Cycles() {
    }

    /** Whether {@code perf stat -e cycles true} runs and counts a number of cycles (checked once). */
    static boolean perfAvailable() {
        Boolean a = available;
        if (a == null) {
            a = count(List.of("perf", "stat", "-x,", "-e", "cycles", "true"), 10) >= 0;
            available = a;
        }
        return a;
    }

    /** Linux thread ids of this JVM's threads whose name starts with {@code prefix} (empty if unknown). */
    static List<Long> nativeThreadIds(String prefix) {
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().startsWith(prefix)) {
                        ids.add(Long.parseLong(task.getFileName().toString()));
                    }
                } catch (IOException | NumberFormatException ignored) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return ids;
    }

    /**
     * Starts counting the cycles of threads {@code tids} for {@code nanos}: {@code perf stat -t}
     * for as long as a {@code sleep} runs. Returns null if perf could not be started.
     */
    static Process start(List<Long> tids, long nanos) {
        StringJoiner list = new StringJoiner(",");
        tids.forEach(t -> list.add(Long.toString(t)));
        try {
            return new ProcessBuilder("perf", "stat", "-x,", "-e", "cycles", "-t", list.toString(), "--",
                    "sleep", String.format(Locale.ROOT, "%.3f", nanos / 1e9))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits for a {@link #start}ed perf and returns the cycles it counted, or -1. */
    static long finish(Process perf, long timeoutSeconds) {
        try {
            String text;
            try (var err = perf.getErrorStream()) {
                text = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!perf.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                perf.destroyForcibly();
                return -1;
            }
            return perf.exitValue() == 0 ? parse(text) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            perf.destroyForcibly();
            return -1;
        }
    }

    private static long count(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return finish(p, timeoutSeconds);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The count of the {@code cycles} line of {@code perf stat -x,} output, or -1 ({@code <not supported>} etc.). */
    static long parse(String perfCsv) {
        for (String line : perfCsv.split("\n")) {
            String[] f = line.split(",");
            if (f.length >= 3 && f[2].startsWith("cycles")) {
                try {
                    return Long.parseLong(f[0].strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
