package io.jmill.elements.device;

import io.jmill.driver.afpacket.NetNamespace;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KernelTun, KernelTap, and FromHost with ToHost, in a network namespace made for the test: a UDP
 * socket of the kernel, opened in that namespace, sends a datagram to an address behind the
 * interface; JMill mirrors it back (answering the kernel's ARP first, for tap), and the socket
 * receives the reply.
 */
class KernelTunTest {
    private static String ns;

    @BeforeAll
    static void namespace() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")), "skipped: no /dev/net/tun");
        Assumptions.assumeTrue(run("id", "-u").strip().equals("0"), "skipped: tun/netns tests need root (CAP_NET_ADMIN)");
        ns = "jmT" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        Assumptions.assumeTrue(exit("ip", "netns", "add", ns) == 0, "skipped: cannot create a network namespace");
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (ns != null) {
            exit("ip", "netns", "del", ns);
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static int exit(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** Sends "ping N" from {@code local} to {@code remote}:9999 in the namespace; returns the replies' text. */
    private static String exchange(String local, String remote, int n) throws Exception {
        DatagramSocket s = NetNamespace.call(ns, () -> new DatagramSocket(new InetSocketAddress(local, 0)));
        try (s) {
            s.setSoTimeout(5_000);
            StringBuilder got = new StringBuilder();
            for (int i = 0; i < n; i++) {
                byte[] msg = ("ping " + i).getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(remote, 9999)));
                DatagramPacket reply = new DatagramPacket(new byte[100], 100);
                s.receive(reply);
                assertEquals(remote, reply.getAddress().getHostAddress());
                assertEquals(9999, reply.getPort());
                got.append(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII)).append(';');
            }
            return got.toString();
        }
    }

    private static Router start(String config) throws Exception {
        Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("tun.click", config, Map.of()));
        r.start(1);
        return r;
    }

    @Test
    void tunExchangesIpPacketsWithTheKernel() throws Exception {
        int before = PacketPool.inUse();
        Router r = start("tun :: KernelTun(10.77.0.1/24, NETNS " + ns + ", DEVNAME jmtun0);"
                + " tun -> CheckIPHeader -> IPClassifier(udp) -> IPMirror -> Queue -> tun;");
        try {
            String got;
            try {
                got = exchange("10.77.0.1", "10.77.0.2", 3);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no reply: in " + r.read("tun.packets_in") + " out " + r.read("tun.packets_out")
                        + " errors " + r.read("tun.errors") + " ip drops " + r.read("CheckIPHeader@2.drops")
                        + " " + run("ip", "-n", ns, "-s", "link", "show", "jmtun0") + run("ip", "-n", ns, "route"), e);
            }
            assertEquals("ping 0;ping 1;ping 2;", got);
            assertEquals("jmtun0", r.read("tun.dev_name"));
            assertTrue(Long.parseLong(r.read("tun.packets_in")) >= 3, r.read("tun.packets_in"));
            assertTrue(run("ip", "-n", ns, "addr", "show", "jmtun0").contains("10.77.0.1/24"));
        } finally {
            r.close();
        }
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
        assertTrue(!run("ip", "-n", ns, "link", "show").contains("jmtun0"), "the interface goes with the router");
    }

    @Test
    void tapExchangesFramesAndAnswersArp() throws Exception {
        Router r = start("tap :: KernelTap(10.78.0.1/24, NETNS " + ns + ", ETHER 02:00:00:00:00:01);"
                + " tap -> c :: Classifier(12/0806 20/0001, 12/0800, -);"
                + " c[0] -> ARPResponder(10.78.0.2 02:00:00:00:00:02) -> q :: Queue -> tap;"
                + " c[1] -> Strip(14) -> CheckIPHeader -> IPClassifier(udp) -> IPMirror"
                + " -> EtherEncap(0x0800, 02:00:00:00:00:02, 02:00:00:00:00:01) -> q;"
                + " c[2] -> Discard;");
        try {
            assertEquals("ping 0;ping 1;", exchange("10.78.0.1", "10.78.0.2", 2));
            assertTrue(run("ip", "-n", ns, "neigh", "show").contains("10.78.0.2 dev " + r.read("tap.dev_name")
                    + " lladdr 02:00:00:00:00:02"), run("ip", "-n", ns, "neigh", "show"));
        } finally {
            r.close();
        }
    }

    @Test
    void fromHostAndToHostShareOneTapInterface() throws Exception {
        int before = PacketPool.inUse();
        // ToHost comes first: it finds its FromHost whatever the order
        Router r = start("th :: ToHost(jmfh0);"
                + " fh :: FromHost(jmfh0, 10.79.0.1/24, NETNS " + ns + ", ETHER 02:00:00:00:00:01);"
                + " fh -> c :: Classifier(12/0806 20/0001, 12/0800, -);"
                + " c[0] -> ARPResponder(10.79.0.2 02:00:00:00:00:02) -> th;"
                + " c[1] -> Strip(14) -> CheckIPHeader -> IPClassifier(udp) -> IPMirror"
                + " -> EtherEncap(0x0800, 02:00:00:00:00:02, 02:00:00:00:00:01) -> th;"
                + " c[2] -> Discard; InfiniteSource(\\<0102>, LIMIT 1) -> th;");
        try {
            assertEquals("ping 0;ping 1;ping 2;", exchange("10.79.0.1", "10.79.0.2", 3));
            assertEquals("jmfh0", r.read("fh.dev_name"));
            assertTrue(Long.parseLong(r.read("fh.packets_in")) >= 4, "an ARP query and three datagrams");
            assertEquals("1", r.read("th.drops"), "the 2-byte packet is shorter than an Ethernet header");
            assertTrue(run("ip", "-n", ns, "addr", "show", "jmfh0").contains("10.79.0.1/24"));
        } finally {
            r.close();
        }
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
        assertTrue(!run("ip", "-n", ns, "link", "show").contains("jmfh0"), "the interface goes with the router");
    }

    @Test
    void toHostWithoutFromHostIsAnError() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> start("InfiniteSource(LIMIT 1) -> ToHost(nothere0);"));
        assertTrue(e.getMessage().contains("ToHost(nothere0) needs a FromHost with the same DEVNAME"), e.getMessage());
    }
}
