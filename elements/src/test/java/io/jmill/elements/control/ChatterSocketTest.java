package io.jmill.elements.control;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ChatterSocket: a plain TCP client receives what the router writes to standard error. */
class ChatterSocketTest {

    @Test
    void clientsReceiveTheRoutersMessages() throws Exception {
        Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("test.click",
                "chat :: ChatterSocket(TCP, 0); src :: InfiniteSource(\\<0800>, LIMIT 2, ACTIVE false) -> Print(hello) -> Discard;",
                Map.of()));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(r.read("chat.port")))) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("Click::ChatterSocket/1.0", in.readLine().strip());
            for (int i = 0; i < 200 && !r.read("chat.clients").equals("1"); i++) {
                Thread.sleep(10);
            }
            r.start(1);
            r.write("src.active", "true");
            assertEquals("hello:    2 | 0800", in.readLine());
            assertEquals("hello:    2 | 0800", in.readLine());
            assertTrue(r.awaitStop(10, SECONDS));
            r.close();
            assertNull(in.readLine(), "the connection ends when the router closes");
        } finally {
            r.close();
        }
    }

    @Test
    void aNamedChannelReachesOnlyItsOwnClients() throws Exception {
        String ip = "4500001c000000004011f9ce0a0000010a000002" + "0000000000000000";
        Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("test.click",
                "chat :: ChatterSocket(TCP, 0); ipchat :: ChatterSocket(TCP, 0, CHANNEL ip, GREETING false);"
                        + " src :: InfiniteSource(\\<" + ip + ">, LIMIT 2, ACTIVE false) -> Print(hello, 4)"
                        + " -> MarkIPHeader -> IPPrint(seen, CHANNEL ip, TIMESTAMP false) -> ARPPrint(arp, CHANNEL nobody) -> Discard;",
                Map.of()));
        try (Socket all = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(r.read("chat.port")));
             Socket ips = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(r.read("ipchat.port")))) {
            all.setSoTimeout(10_000);
            ips.setSoTimeout(10_000);
            BufferedReader allIn = new BufferedReader(new InputStreamReader(all.getInputStream(), StandardCharsets.UTF_8));
            BufferedReader ipIn = new BufferedReader(new InputStreamReader(ips.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("Click::ChatterSocket/1.0", allIn.readLine().strip());
            for (int i = 0; i < 200 && !(r.read("chat.clients").equals("1") && r.read("ipchat.clients").equals("1")); i++) {
                Thread.sleep(10);
            }
            r.start(1);
            r.write("src.active", "true");
            for (int i = 0; i < 2; i++) {
                String line = ipIn.readLine();
                assertTrue(line.startsWith("seen: 10.0.0.1") && line.contains("> 10.0.0.2"), line);
                line = allIn.readLine();
                assertTrue(line.startsWith("hello:   28 | 4500001c"), "no IPPrint line on the default channel: " + line);
            }
            assertTrue(r.awaitStop(10, SECONDS));
        } finally {
            r.close();
        }
    }
}
