package io.jmill.elements.nat;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.jmill.elements.nat.Frames.IP;
import static io.jmill.elements.nat.Frames.L4;
import static io.jmill.elements.nat.Frames.assertChecksums;
import static io.jmill.elements.nat.Frames.ip;
import static io.jmill.elements.nat.Frames.u16;
import static io.jmill.elements.nat.Frames.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowElementsTest {
    private static final long S = 1_000_000_000L;

    private static byte[] tcp(String src, int sport, String dst, int dport) {
        return FrameBuilder.tcp().src(src, sport).dst(dst, dport).build();
    }

    private static byte[] udp(String src, int sport, String dst, int dport) {
        return FrameBuilder.udp().src(src, sport).dst(dst, dport).build();
    }

    private static long serial(Packet p) {
        return p.anno(FlowIPManager.FLOW_SERIAL);
    }

    private static String error(String decl) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl).close());
        return e.errors().getFirst().message();
    }

    // ------------------------------------------------------------------ FlowIPManager

    @Test
    void flowIdsAreStablePerFlowAndDistinctAcrossFlows() throws Exception {
        try (Harness h = Harness.element("FlowIPManager(1024)")) {
            byte[] a = tcp("10.0.0.1", 1000, "2.0.0.2", 80);
            byte[] b = tcp("10.0.0.1", 1001, "2.0.0.2", 80);
            byte[] c = udp("10.0.0.1", 1000, "2.0.0.2", 80);
            byte[] d = tcp("2.0.0.2", 80, "10.0.0.1", 1000);
            for (byte[] f : List.of(a, b, a, c, d, b, a)) {
                h.push(0, ip(f));
            }
            List<Packet> out = h.output(0);
            assertEquals(7, out.size());
            int[] ids = out.stream().mapToInt(Packet::flowId).toArray();
            assertArrayEquals(new int[] {0, 1, 0, 2, 3, 1, 0}, ids, "ids in order of appearance, same flow same id");
            assertEquals(serial(out.get(0)), serial(out.get(2)));
            assertEquals(serial(out.get(0)), serial(out.get(6)));
            Set<Long> serials = new HashSet<>();
            for (int i : new int[] {0, 1, 3, 4}) {
                assertTrue(serial(out.get(i)) != 0);
                assertTrue(serials.add(serial(out.get(i))), "serials differ across flows");
            }
            assertArrayEquals(a, h.outputBytes(0).getFirst(), "packets pass unchanged");
            assertEquals("4", h.read("count"));
            assertEquals("1024", h.read("capacity"));
        }
    }

    @Test
    void otherProtocolsAreFlowsByAddressAndBrokenPacketsAreDropped() throws Exception {
        try (Harness h = Harness.element("FlowIPManager")) {
            h.push(0, ip(FrameBuilder.icmp().src("10.0.0.1", 0).dst("2.0.0.2", 0).icmp(8, 0).build()));
            h.push(0, ip(FrameBuilder.icmp().src("10.0.0.1", 0).dst("2.0.0.2", 0).icmp(0, 0).build()));
            h.push(0, ip(FrameBuilder.icmp().src("10.0.0.1", 0).dst("2.0.0.3", 0).build()));
            h.push(0, Harness.packet(udp("10.0.0.1", 1, "2.0.0.2", 2)));
            h.push(0, ip(java.util.Arrays.copyOf(udp("10.0.0.1", 1, "2.0.0.2", 2), 30)));
            assertEquals(3, h.count(0));
            assertEquals(h.output(0).get(0).flowId(), h.output(0).get(1).flowId());
            assertNotEquals(h.output(0).get(0).flowId(), h.output(0).get(2).flowId());
            assertEquals("2", h.read("drops"));
            assertEquals("65536", h.read("capacity"));
        }
    }

    @Test
    void aFullTableDropsNewFlowsUntilSomeExpire() throws Exception {
        try (Harness h = Harness.element("FlowIPManager(3, TIMEOUT 5)")) {
            long[] now = {0};
            ((FlowIPManager) h.element()).setClock(() -> now[0]);
            assertEquals("4", h.read("capacity"), "rounded up to a power of two");
            for (int i = 0; i < 5; i++) {
                h.push(0, ip(udp("10.0.0.1", 1000 + i, "2.0.0.2", 53)));
            }
            assertEquals(4, h.count(0));
            assertEquals("1", h.read("drops"));
            // Old flows keep their ids.
            h.push(0, ip(udp("10.0.0.1", 1002, "2.0.0.2", 53)));
            assertEquals(2, h.output(0).getLast().flowId());
            now[0] = 10 * S;
            h.push(0, ip(udp("10.0.0.1", 2000, "2.0.0.2", 53)));
            assertEquals(6, h.count(0), "the expired flows made room");
            assertEquals("1", h.read("count"));
        }
    }

    @Test
    void anExpiredFlowStartsAgainWithANewSerial() throws Exception {
        try (Harness h = Harness.element("FlowIPManager(16, TIMEOUT 10)")) {
            long[] now = {0};
            ((FlowIPManager) h.element()).setClock(() -> now[0]);
            byte[] a = udp("10.0.0.1", 1000, "2.0.0.2", 53);
            h.push(0, ip(a));
            now[0] = 9 * S;
            h.push(0, ip(a));
            now[0] = 20 * S;
            h.push(0, ip(a));
            List<Packet> out = h.output(0);
            assertEquals(serial(out.get(0)), serial(out.get(1)), "9 s idle: same flow");
            assertNotEquals(serial(out.get(1)), serial(out.get(2)), "11 s idle: a new flow");
            assertEquals(out.get(1).flowId(), out.get(2).flowId());
            // The sweep retires flows nobody sends to any more.
            h.push(0, ip(udp("10.0.0.9", 1, "2.0.0.2", 53)));
            assertEquals("2", h.read("count"));
            now[0] = 100 * S;
            h.push(0, ip(udp("10.0.0.9", 2, "2.0.0.2", 53)));
            assertEquals("1", h.read("count"));
        }
    }

    @Test
    void flowIPManagerConfigurationErrors() {
        assertEquals("CAPACITY: must be between 1 and 16777216, got 0", error("FlowIPManager(0)"));
        assertEquals("TIMEOUT: expected duration, got 'x'", error("FlowIPManager(TIMEOUT x)"));
        assertEquals("RESERVE: must be between 0 and 2147483647, got -1", error("FlowIPManager(RESERVE -1)"));
    }

    // ------------------------------------------------------------------ FlowCounter

    @Test
    void flowCounterCountsPerFlow() throws Exception {
        String body = "m :: FlowIPManager(16, TIMEOUT 10); input -> m -> fc :: FlowCounter -> output;";
        try (Harness h = Harness.graph(body, 1, 1)) {
            long[] now = {0};
            ((FlowIPManager) h.router().element("e/m")).setClock(() -> now[0]);
            FlowCounter fc = (FlowCounter) h.router().element("e/fc");
            byte[] a = udp("10.0.0.1", 1000, "2.0.0.2", 53);
            byte[] b = FrameBuilder.tcp().src("10.0.0.1", 1000).dst("2.0.0.2", 53).payloadLength(100).build();
            for (byte[] f : List.of(a, b, a, a, b)) {
                h.push(0, ip(f));
            }
            assertEquals(5, h.count(0));
            assertEquals(3, fc.packets(0));
            assertEquals(3L * a.length, fc.bytes(0));
            assertEquals(2, fc.packets(1));
            assertEquals(2L * b.length, fc.bytes(1));
            assertEquals("2", h.read("e/fc.count"));
            assertEquals("5", h.read("e/fc.packets"));
            assertEquals("2.500", h.read("e/fc.avg"));
            assertEquals("0 3 " + 3 * a.length + "\n1 2 " + 2 * b.length + "\n", h.read("e/fc.table"));
            // Both flows expire and are swept; a's next packet is a new flow in a reused id, counted from zero.
            now[0] = 30 * S;
            h.push(0, ip(a));
            int id = h.output(0).getLast().flowId();
            assertTrue(id == 0 || id == 1, "a reused id");
            assertEquals(1, fc.packets(id));
            assertEquals(a.length, fc.bytes(id));
            assertEquals("3", h.read("e/fc.count"));
            h.write("e/fc.reset", "");
            assertEquals("0", h.read("e/fc.count"));
            assertEquals("", h.read("e/fc.table"));
        }
    }

    @Test
    void flowCounterPassesPacketsWithoutAFlowUncounted() throws Exception {
        try (Harness h = Harness.element("FlowCounter")) {
            h.push(0, ip(udp("10.0.0.1", 1, "2.0.0.2", 2)));
            assertEquals(1, h.count(0));
            assertEquals("1", h.read("unclassified"));
            assertEquals("0", h.read("count"));
            assertEquals("0.000", h.read("avg"));
            Packet big = ip(udp("10.0.0.1", 1, "2.0.0.2", 2));
            big.setFlowId(5000);
            big.setAnno(FlowIPManager.FLOW_SERIAL, 77);
            h.push(0, big);
            assertEquals("1", h.read("count"), "arrays grow to hold high ids");
            assertTrue(h.read("table").startsWith("5000 1 "));
        }
    }

    // ------------------------------------------------------------------ FlowIPNAT / FlowIPNATReverse

    private static final String NAT_GRAPH = "m :: FlowIPManager(CAPACITY 16, TIMEOUT 5); nat :: FlowIPNAT(SIP 1.0.0.1);"
            + " rev :: FlowIPNATReverse(nat);"
            + " input [0] -> m -> nat -> [0] output; input [1] -> rev -> [1] output;";

    @Test
    void flowIPNATRewritesEachFlowToItsOwnPortAndRepliesComeBack() throws Exception {
        try (Harness h = Harness.graph(NAT_GRAPH, 2, 2)) {
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 40000).dst("2.0.0.2", 80).tcpFlags(0x02).build()));
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.6", 5000).dst("8.8.8.8", 53).payloadLength(30).build()));
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 40000).dst("2.0.0.2", 80).payloadLength(5).build()));
            List<byte[]> out = h.outputBytes(0);
            assertArrayEquals(FrameBuilder.tcp().src("1.0.0.1", 1024).dst("2.0.0.2", 80).tcpFlags(0x02).build(), out.get(0));
            assertArrayEquals(FrameBuilder.udp().src("1.0.0.1", 1025).dst("8.8.8.8", 53).payloadLength(30).build(), out.get(1));
            assertArrayEquals(FrameBuilder.tcp().src("1.0.0.1", 1024).dst("2.0.0.2", 80).payloadLength(5).build(), out.get(2));
            out.forEach(Frames::assertChecksums);
            assertEquals("2", h.read("e/nat.flows"));
            assertEquals(Integer.toString(64512 - 2), h.read("e/nat.available"));

            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 1024).tcpFlags(0x12).build()));
            h.push(1, ip(FrameBuilder.udp().src("8.8.8.8", 53).dst("1.0.0.1", 1025).payloadLength(60).build()));
            List<byte[]> back = h.outputBytes(1);
            assertArrayEquals(FrameBuilder.tcp().src("2.0.0.2", 80).dst("10.0.0.5", 40000).tcpFlags(0x12).build(), back.get(0));
            assertArrayEquals(FrameBuilder.udp().src("8.8.8.8", 53).dst("10.0.0.6", 5000).payloadLength(60).build(), back.get(1));
            assertEquals(Addresses.ip("10.0.0.6"), h.output(1).get(1).dstIpAnno());

            // Unknown port, wrong protocol for the port, not our address: dropped.
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 1026).build()));
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 80).dst("1.0.0.1", 1024).build()));
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.2", 1024).build()));
            h.push(1, ip(FrameBuilder.icmp().src("2.0.0.2", 0).dst("1.0.0.1", 0).build()));
            assertEquals(2, h.count(1));
            assertEquals("4", h.read("e/rev.drops"));
        }
    }

    @Test
    void flowIPNATDropsWhatItCannotTranslate() throws Exception {
        try (Harness h = Harness.graph(NAT_GRAPH, 2, 2)) {
            byte[] noSum = udp("10.0.0.7", 9, "2.0.0.2", 9);
            Frames.put16(noSum, L4 + 6, 0);
            h.push(0, ip(noSum));
            assertEquals(0, u16(h.outputBytes(0).getFirst(), L4 + 6), "UDP without checksum stays so");
            Frames.assertIpChecksum(h.outputBytes(0).getFirst());
            h.push(0, ip(FrameBuilder.icmp().src("10.0.0.5", 0).dst("2.0.0.2", 0).build()));
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.5", 1).dst("2.0.0.2", 1).fragment(0x0001).build()));
            h.push(0, ip(java.util.Arrays.copyOf(tcp("10.0.0.5", 1, "2.0.0.2", 1), Frames.L4 + 12)));
            assertEquals(1, h.count(0));
            assertEquals("3", h.read("e/nat.drops"));
        }
        try (Harness h = Harness.element("FlowIPNAT(1.0.0.1)")) {
            h.push(0, ip(udp("10.0.0.7", 9, "2.0.0.2", 9)));
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("drops"), "no FlowIPManager upstream: no flow");
        }
    }

    @Test
    void acceptNonSynFalseWaitsForTheSyn() throws Exception {
        String body = "input -> FlowIPManager -> nat :: FlowIPNAT(1.0.0.1, ACCEPT_NONSYN false) -> output;";
        try (Harness h = Harness.graph(body, 1, 1)) {
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 1).dst("2.0.0.2", 80).tcpFlags(0x10).build()));
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.5", 1).dst("2.0.0.2", 80).build()));
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 1).dst("2.0.0.2", 80).tcpFlags(0x02).build()));
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 1).dst("2.0.0.2", 80).tcpFlags(0x10).build()));
            assertEquals(3, h.count(0));
            assertEquals(1025, u16(h.outputBytes(0).get(1), L4), "the ACK got no port; the SYN got the next");
            assertEquals("1", h.read("e/nat.drops"));
        }
    }

    @Test
    void aFlowsPortReturnsToThePoolWhenItsIdIsReused() throws Exception {
        String body = "m :: FlowIPManager(1, TIMEOUT 5); nat :: FlowIPNAT(1.0.0.1); rev :: FlowIPNATReverse(nat);"
                + " input [0] -> m -> nat -> [0] output; input [1] -> rev -> [1] output;";
        try (Harness h = Harness.graph(body, 2, 2)) {
            long[] now = {0};
            ((FlowIPManager) h.router().element("e/m")).setClock(() -> now[0]);
            h.push(0, ip(udp("10.0.0.5", 1, "2.0.0.2", 53)));
            assertEquals("64511", h.read("e/nat.available"));
            now[0] = 10 * S;
            h.push(0, ip(udp("10.0.0.6", 1, "2.0.0.2", 53)));
            assertEquals(1025, u16(h.outputBytes(0).get(1), L4), "first in, first out: 1024 went to the back");
            assertEquals("64511", h.read("e/nat.available"));
            h.push(1, ip(udp("2.0.0.2", 53, "1.0.0.1", 1024)));
            h.push(1, ip(udp("2.0.0.2", 53, "1.0.0.1", 1025)));
            assertEquals(1, h.count(1));
            assertEquals(Addresses.ip("10.0.0.6"), u32(h.outputBytes(1).getFirst(), IP + 16));
        }
    }

    @Test
    void flowIPNATChecksumsStayExactForRandomFlows() throws Exception {
        Random r = new Random(7);
        try (Harness h = Harness.graph(NAT_GRAPH.replace("CAPACITY 16", "CAPACITY 4096"), 2, 2)) {
            for (int i = 0; i < 1000; i++) {
                boolean tcp = r.nextBoolean();
                int client = r.nextInt();
                int server = r.nextInt() | 1;
                int cport = r.nextInt(65536);
                int sport = r.nextInt(65536);
                FrameBuilder b = (tcp ? FrameBuilder.tcp() : FrameBuilder.udp()).srcIp(client).dstIp(server)
                        .ports(cport, sport).ttl(r.nextInt(256)).payloadLength(r.nextInt(30)).fill(r.nextInt(256));
                h.push(0, ip(b.build()));
                byte[] out = h.outputBytes(0).getLast();
                assertChecksums(out);
                int natPort = u16(out, L4);
                FrameBuilder rb = (tcp ? FrameBuilder.tcp() : FrameBuilder.udp()).srcIp(server)
                        .dstIp(Addresses.ip("1.0.0.1")).ports(sport, natPort).ipId(r.nextInt(65536))
                        .payloadLength(r.nextInt(30));
                h.push(1, ip(rb.build()));
                byte[] back = h.outputBytes(1).getLast();
                assertEquals(client, u32(back, IP + 16));
                assertEquals(cport, u16(back, L4 + 2));
                assertChecksums(back);
                h.clearOutputs();
            }
        }
    }

    @Test
    void flowIPNATConfigurationErrors() {
        assertEquals("missing mandatory SIP argument", error("FlowIPNAT"));
        assertEquals("SIP: expected IPv4 address, got '1.2.3'", error("FlowIPNAT(1.2.3)"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Harness.graph("input -> FlowIPNATReverse(nope) -> output;", 1, 1).close());
        assertEquals("NAT: no element 'nope'", e.errors().getFirst().message());
        e = assertThrows(ConfigException.class,
                () -> Harness.graph("c :: FlowCounter; input -> c -> FlowIPNATReverse(c) -> output;", 1, 1).close());
        assertEquals("NAT: 'c' is a FlowCounter, not a FlowIPNAT", e.errors().getFirst().message());
    }
}
