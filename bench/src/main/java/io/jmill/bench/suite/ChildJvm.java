package io.jmill.bench.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link RunSpec} in a fresh JVM ({@link CellMain}) with this JVM's class path, so that
 * every run starts from clean JIT profiles and a fresh packet memory, as separate processes do in
 * PacketMill's NPF runs. The child's standard error goes to a log file.
 */
final class ChildJvm {
    /**
     * Flags every JMill JVM gets, as the jmill launcher gives them: Agrona reaches jdk.internal.misc;
     * FFM needs native access; deeper inlining lets C2 inline a specialized graph into its batch loop;
     * the Parallel collector has the cheapest write barrier on the packet references rings store.
     */
    static final List<String> JMILL_FLAGS = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=40", "-XX:InlineSmallCode=6000",
            "-XX:+UseParallelGC");
    /** Heap and packet memory of a child: enough for every NF here, small enough for CI machines. */
    static final List<String> MEMORY_FLAGS = List.of("-Xms512m", "-Xmx512m", "-Djmill.memory=256m");

    private ChildJvm() {
    }

    /** The command line of the JVM that runs {@code spec} in {@code mode} (without the spec argument). */
    static List<String> command(Mode mode) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JMILL_FLAGS);
        cmd.addAll(MEMORY_FLAGS);
        cmd.addAll(mode.jvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CellMain.class.getName());
        return cmd;
    }

    static RunResult run(RunSpec spec, Mode mode, Path log) {
        List<String> cmd = command(mode);
        cmd.add(Json.write(spec.toJson()));
        long timeoutNanos = spec.warmupNanos() + spec.durationNanos() + TimeUnit.SECONDS.toNanos(120);
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            p.getOutputStream().close();
            AtomicBoolean timedOut = new AtomicBoolean();
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
                timedOut.set(true);
                p.destroyForcibly();
            }, CompletableFuture.delayedExecutor(timeoutNanos, TimeUnit.NANOSECONDS));
            String resultLine = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(CellMain.RESULT_PREFIX)) {
                        resultLine = line.substring(CellMain.RESULT_PREFIX.length());
                    }
                }
            }
            p.waitFor();
            watchdog.cancel(false);
            if (timedOut.get()) {
                return RunResult.failed("the run's JVM did not finish in time and was killed (log: " + log + ")");
            }
            if (resultLine == null) {
                return RunResult.failed("the run's JVM exited with status " + p.exitValue() + " and no result"
                        + lastLines(log));
            }
            @SuppressWarnings("unchecked")
            RunResult result = RunResult.fromJson((Map<String, Object>) Json.parse(resultLine));
            return result;
        } catch (IOException | RuntimeException e) {
            return RunResult.failed("cannot run a JVM for the run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.failed("interrupted");
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "" : ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
