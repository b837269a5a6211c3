package io.jmill.cli;

import io.jmill.driver.afpacket.NetNamespace;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.jmill.cli.ExampleSupport.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Click userlevel examples: a shaped link, a ControlSocket session, a tun-attached router. */
class ExampleUserlevelTest {
    private static Path userlevel(String name) {
        return root().resolve("examples/userlevel").resolve(name + ".click");
    }

    private static Router build(Path file, Map<String, String> vars) throws Exception {
        return new RouterBuilder(ElementRegistry.load()).build(ClickParser.parse(file.toString(), Files.readString(file), vars));
    }

    /**
     * The example as it is, plus a source that never ends (one packet per hour), so that the router
     * does not stop at "end of input" while a loaded machine stalls its worker: the test waits until
     * every packet is accounted for.
     */
    @Test
    void shapedLinkCarriesWhatItCanAndDropsTheRest() throws Exception {
        Path file = userlevel("shaped-link");
        Router r = new RouterBuilder(ElementRegistry.load()).build(ClickParser.parse(file.toString(),
                Files.readString(file) + "\nTimedSource(3600s) -> Discard;\n", Map.of("LIMIT", "200")));
        long out;
        long drops;
        try {
            r.start(1);
            for (int i = 0; i < 6000; i++) {
                out = Long.parseLong(r.read("out.count"));
                drops = Long.parseLong(r.read("q.drops"));
                if (out + drops == 200) {
                    break;
                }
                Thread.sleep(10);
            }
            out = Long.parseLong(r.read("out.count"));
            drops = Long.parseLong(r.read("q.drops"));
            assertEquals("200", r.read("in.count"));
            assertEquals("0", r.read("task_errors"));
        } finally {
            r.close();
        }
        assertEquals(200, out + drops, "every packet delivered, or dropped at the queue: " + out + " + " + drops);
        assertTrue(out > 0, "the link carried packets");
    }

    @Test
    void controlSocketDrivesTheHandlers() throws Exception {
        Router r = build(userlevel("control-socket"), Map.of("PORT", "0"));
        try {
            r.start(1);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(r.read("cs.port")))) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                assertEquals("Click::ControlSocket/1.3", in.readLine());
                out.write("WRITE sw.switch 1\r\nREAD sw.switch\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals("200 Write handler 'sw.switch' OK", in.readLine());
                assertEquals("200 Read handler 'sw.switch' OK", in.readLine());
                assertEquals("DATA 1", in.readLine());
                char[] one = new char[1];
                assertEquals(1, in.read(one));
                assertEquals('1', one[0]);
                assertEquals("200 Goodbye!", in.readLine());
            }
        } finally {
            r.close();
        }
    }

    @Test
    void tunRouterAnswersTheHost() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")), "skipped: no /dev/net/tun");
        Assumptions.assumeTrue("0".equals(run("id", "-u").strip()), "skipped: needs root (CAP_NET_ADMIN)");
        String ns = "jmX" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        Assumptions.assumeTrue(exit("ip", "netns", "add", ns) == 0, "skipped: cannot create a network namespace");
        try {
            // Built on a thread inside the namespace: the tun interface and its address land there.
            Router r = NetNamespace.call(ns, () -> build(userlevel("tun-router"), Map.of()));
            try {
                r.start(1);
                DatagramSocket s = NetNamespace.call(ns, () -> new DatagramSocket(new InetSocketAddress("10.0.0.1", 0)));
                try (s) {
                    s.setSoTimeout(5_000);
                    byte[] msg = "echo me".getBytes(StandardCharsets.US_ASCII);
                    s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress("10.0.0.2", 7)));
                    DatagramPacket reply = new DatagramPacket(new byte[64], 64);
                    s.receive(reply);
                    assertEquals("echo me", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
                    assertEquals("10.0.0.2", reply.getAddress().getHostAddress());
                }
                assertTrue(Long.parseLong(r.read("tun.packets_in")) >= 1);
            } finally {
                r.close();
            }
        } finally {
            exit("ip", "netns", "del", ns);
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static int exit(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
