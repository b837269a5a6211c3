package io.jmill.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The project's own Click-format tests ({@code src/test/clicktest/*.clicktest}) run through
 * {@code bench/clicktest}, as Click's own suite is run, with {@code jmill click} from the test
 * classpath. Needs python3 (the runner's language); skipped without it.
 */
class ClickTestFilesTest {
    @Test
    void everyClickTestFilePasses() throws Exception {
        Path runner = Path.of("..", "bench", "clicktest").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(runner), "bench/clicktest not found");
        assumeTrue(hasPython(), "python3 not installed");
        ProcessBuilder pb = new ProcessBuilder("python3", runner.toString(), "-j2",
                "--classpath", System.getProperty("java.class.path"), "src/test/clicktest");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "runner timed out");
        List<String> failed = out.lines().filter(l -> l.startsWith("failed")).toList();
        assertEquals(List.of(), failed, out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("0 failed, 0 skipped"), out);
    }

    private static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
