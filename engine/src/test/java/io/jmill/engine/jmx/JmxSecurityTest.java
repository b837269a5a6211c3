package io.jmill.engine.jmx;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remote JMX with a password file, an access file (a read-only role and a control role) and TLS,
 * driven by real remote clients: {@link RemoteJmxClient} in processes of their own.
 */
class JmxSecurityTest {
    private static final String ROUTER = "jmx-security";
    private static final String STORE_PASSWORD = "changeit-test";

    @TempDir
    static Path dir;
    private static Path passwords;
    private static Path access;
    private static Path sslConfig;
    private static Path trustStore;
    private static Router router;
    private static RouterJmx.Registration registration;

    @BeforeAll
    static void setUp() throws Exception {
        passwords = ownerOnly(dir.resolve("jmx.password"), "# role password\nmonitor m0n1tor\ncontrol c0ntr0l\n");
        access = Files.writeString(dir.resolve("jmx.access"), "monitor readonly\ncontrol readwrite\n");
        keytool("-genkeypair", "-alias", "jmx", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", dir.resolve("server.p12").toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "jmx", "-keystore", dir.resolve("server.p12").toString(),
                "-storepass", STORE_PASSWORD, "-file", dir.resolve("server.cer").toString());
        trustStore = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "jmx", "-file", dir.resolve("server.cer").toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);
        sslConfig = Files.writeString(dir.resolve("ssl.properties"), "javax.net.ssl.keyStore=server.p12\n"
                + "javax.net.ssl.keyStorePassword=" + STORE_PASSWORD + "\n");
        ElementRegistry registry = new ElementRegistry()
                .register(JmxTestSource.class).register(JmxTestCounter.class).register(JmxTestSink.class);
        router = new RouterBuilder(registry).build(ClickParser.parse("t",
                "src :: JmxTestSource -> c :: JmxTestCounter(LIMIT 3) -> JmxTestSink;", Map.of()));
        registration = RouterJmx.register(router, ROUTER);
    }

    @AfterAll
    static void tearDown() {
        registration.close();
        router.close();
    }

    private static Path ownerOnly(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void aNonLoopbackAddressWithoutAuthenticationIsRefusedUnlessAllowed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JmxRemote.start(new JmxRemote.Options().allInterfaces()));
        assertTrue(e.getMessage().contains("without authentication"), e.getMessage());
        try (JmxRemote remote = JmxRemote.start(new JmxRemote.Options().allInterfaces().allowUnauthenticated())) {
            assertFalse(remote.loopbackOnly());
            assertFalse(remote.authenticated());
        }
        try (JmxRemote remote = JmxRemote.start(new JmxRemote.Options().allInterfaces().passwordFile(passwords))) {
            assertTrue(remote.authenticated());
        }
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Path open = Files.writeString(dir.resolve("open.password"), "monitor x\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class,
                () -> JmxRemote.start(new JmxRemote.Options().passwordFile(open)));
        assertTrue(e.getMessage().contains("owner only"), e.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.access"), "monitor everything\n");
        assertThrows(IOException.class,
                () -> JmxRemote.start(new JmxRemote.Options().passwordFile(passwords).accessFile(bad)));
    }

    @Test
    void readOnlyAndControlRolesOverTlsFromRemoteClients() throws Exception {
        String routerName = RouterJmx.routerObjectName(ROUTER).toString();
        String counter = RouterJmx.elementObjectName(ROUTER, "c").toString();
        try (JmxRemote remote = JmxRemote.start(new JmxRemote.Options().passwordFile(passwords).accessFile(access)
                .tls(JmxTls.fromFile(sslConfig)))) {
            assertTrue(remote.tls());
            String url = remote.url().toString();

            List<String> out = client(url, true,
                    "login", "monitor", "m0n1tor",
                    "get", counter, "limit",
                    "invoke", routerName, "readHandler", "1", "c.limit",
                    "invoke", counter, "limit", "1", "7",
                    "invoke", routerName, "writeHandler", "2", "c.limit", "7",
                    "invoke", routerName, "stop", "0",
                    "get", counter, "limit",
                    "login", "control", "c0ntr0l",
                    "invoke", routerName, "writeHandler", "2", "c.limit", "7",
                    "get", counter, "limit",
                    "invoke", routerName, "stop", "0",
                    "login", "monitor", "wrong",
                    "login", "-", "-");
            assertEquals("login ok", out.get(0));
            assertEquals("ok 3", out.get(1), "the read-only role reads an attribute");
            assertEquals("ok 3", out.get(2), "and calls an operation that only reads");
            for (int i = 3; i <= 5; i++) {
                assertTrue(out.get(i).startsWith("denied java.lang.SecurityException"), "but may not write: " + out.get(i));
            }
            assertEquals("ok 3", out.get(6), "the read-only role changed nothing");
            assertEquals(List.of("login ok", "ok null", "ok 7", "ok null"), out.subList(7, 11),
                    "the control role writes a handler and stops the router");
            assertTrue(router.stopping(), "the control role stopped the router");
            assertTrue(out.get(11).startsWith("connect-failed java.lang.SecurityException"), "wrong password: " + out.get(11));
            assertTrue(out.get(12).startsWith("connect-failed"), "no credentials: " + out.get(12));
            assertTrue(client(url, false, "login", "control", "c0ntr0l").getFirst().startsWith("connect-failed"),
                    "a client without TLS cannot connect");
        }
    }

    /** Runs {@link RemoteJmxClient} in a JVM of its own; returns its output lines. */
    private static List<String> client(String url, boolean tls, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java("java"), "-cp", System.getProperty("java.class.path")));
        if (tls) {
            cmd.add("-Djavax.net.ssl.trustStore=" + trustStore);
            cmd.add("-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD);
        }
        cmd.add(RemoteJmxClient.class.getName());
        cmd.add(url);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the client ended");
        String text = new String(out, StandardCharsets.UTF_8);
        return text.lines().toList();
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java("keytool")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + args[0] + ": " + out);
    }

    private static String java(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }
}
