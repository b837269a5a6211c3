package io.jmill.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's Maven fallback ({@code jmill} without {@code mvn}): a copy of the launcher in a
 * scratch directory, {@code JMILL_NO_SYSTEM_MAVEN=1} so that it ignores any Maven on the PATH, and
 * {@code JMILL_MAVEN_URL} pointing at a loopback HTTP server of the test. No network.
 */
class MavenFallbackTest {
    @TempDir
    Path root;
    private HttpServer server;
    private final byte[] corrupt = "not a Maven distribution\n".repeat(100).getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/apache-maven-bin.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, corrupt.length);
            exchange.getResponseBody().write(corrupt);
            exchange.close();
        });
        server.start();
        Files.copy(ExampleSupport.root().resolve("jmill"), root.resolve("jmill"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private record Run(int status, String err, String out) {
    }

    private Run jmillTest(String mavenUrl) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("jmill").toString(), "test", "-x", "-q");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JMILL_NO_SYSTEM_MAVEN", "1");
        pb.environment().put("JMILL_MAVEN_URL", mavenUrl);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path err = root.resolve("stderr.txt");
        Path out = root.resolve("stdout.txt");
        pb.redirectError(err.toFile()).redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jmill test did not finish");
        return new Run(p.exitValue(), Files.readString(err), Files.readString(out));
    }

    private String pinnedSha512() throws IOException {
        Matcher m = Pattern.compile("(?m)^MAVEN_SHA512=([0-9a-f]{128})$").matcher(Files.readString(root.resolve("jmill")));
        assertTrue(m.find(), "the launcher pins Maven's SHA-512");
        return m.group(1);
    }

    private static boolean downloaderPresent() {
        for (String tool : List.of("curl", "wget")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aCorruptArchiveIsRefusedWithBothChecksums() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(downloaderPresent(), "skipped: neither curl nor wget");
        String served = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(corrupt));
        String url = url("/apache-maven-bin.tar.gz");
        Run r = jmillTest(url);
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("jmill: no mvn on the PATH: fetching Maven "), r.err());
        assertTrue(r.err().contains(" from " + url + " into .mvn/ (once)"), r.err());
        assertTrue(r.err().contains("jmill: " + url + ": SHA-512 " + served + " is not Maven "), r.err());
        assertTrue(r.err().contains("(" + pinnedSha512() + "): not used"), r.err());
        assertFalse(r.err().contains("unpacking"), r.err());
        try (var left = Files.list(root.resolve(".mvn"))) {
            assertEquals(List.of(), left.toList(), "nothing of the refused download is kept");
        }
    }

    @Test
    void aFailedDownloadSaysWhichAddressFailed() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(downloaderPresent(), "skipped: neither curl nor wget");
        String url = url("/missing.tar.gz");
        Run r = jmillTest(url);
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("jmill: cannot download " + url), r.err());
    }

    @Test
    void aMavenFetchedOnceIsUsedWithoutDownloadingAgain() throws Exception {
        Matcher m = Pattern.compile("(?m)^MAVEN_VERSION=(\\S+)$").matcher(Files.readString(root.resolve("jmill")));
        assertTrue(m.find());
        Path bin = root.resolve(".mvn/apache-maven-" + m.group(1) + "/bin");
        Files.createDirectories(bin);
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"fetched maven: $*\"\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = jmillTest(url("/apache-maven-bin.tar.gz"));
        assertEquals(0, r.status(), r.err());
        assertEquals("fetched maven: -B -x -q verify", r.out().strip());
        assertFalse(r.err().contains("fetching"), r.err());
    }
}
