package io.jmill.elements.nat;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.jmill.elements.nat.Frames.ETH;
import static io.jmill.elements.nat.Frames.IP;
import static io.jmill.elements.nat.Frames.L4;
import static io.jmill.elements.nat.Frames.assertChecksums;
import static io.jmill.elements.nat.Frames.ip;
import static io.jmill.elements.nat.Frames.u16;
import static io.jmill.elements.nat.Frames.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IPRewriterTest {
    private static final String NAT = "IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, drop)";
    private static final long S = 1_000_000_000L;

    private static Harness nat(String decl) throws ConfigException {
        return Harness.element(decl, 2, 2);
    }

    private static IPRewriter rewriter(Harness h) {
        return (IPRewriter) h.element();
    }

    private static String error(String decl, int nin, int nout) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl, nin, nout).close());
        return e.errors().getFirst().message();
    }

    @Test
    void tcpForwardIsRewrittenByThePatternAndTheReplyMappedBack() throws Exception {
        try (Harness h = nat(NAT)) {
            byte[] in = FrameBuilder.tcp().src("10.0.0.5", 40000).dst("2.0.0.2", 80).tcpFlags(0x02).build();
            h.push(0, ip(in));
            // The client's port lies in the range and is free, so it is kept.
            byte[] want = FrameBuilder.tcp().src("1.0.0.1", 40000).dst("2.0.0.2", 80).tcpFlags(0x02).build();
            assertEquals(1, h.count(0));
            byte[] out = h.outputBytes(0).getFirst();
            assertArrayEquals(want, out);
            assertChecksums(out);
            assertEquals(Addresses.ip("2.0.0.2"), h.output(0).getFirst().dstIpAnno());

            byte[] reply = FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 40000).tcpFlags(0x12).build();
            h.push(1, ip(reply));
            byte[] back = FrameBuilder.tcp().src("2.0.0.2", 80).dst("10.0.0.5", 40000).tcpFlags(0x12).build();
            assertEquals(1, h.count(1));
            assertArrayEquals(back, h.outputBytes(1).getFirst());
            assertChecksums(h.outputBytes(1).getFirst());
            assertEquals(Addresses.ip("10.0.0.5"), h.output(1).getFirst().dstIpAnno());
            assertEquals("1", h.read("nmappings"));
            assertEquals("0", h.read("drops"));
        }
    }

    @Test
    void udpRewriteKeepsChecksumsRightAndAZeroChecksumStaysZero() throws Exception {
        try (Harness h = nat(NAT)) {
            byte[] in = FrameBuilder.udp().src("192.168.7.9", 5353).dst("8.8.4.4", 53).payloadLength(33).fill(0xA5).build();
            h.push(0, ip(in));
            byte[] want = FrameBuilder.udp().src("1.0.0.1", 5353).dst("8.8.4.4", 53).payloadLength(33).fill(0xA5).build();
            assertArrayEquals(want, h.outputBytes(0).getFirst());
            assertChecksums(h.outputBytes(0).getFirst());

            byte[] noSum = FrameBuilder.udp().src("192.168.7.9", 6000).dst("8.8.4.4", 53).build();
            Frames.put16(noSum, L4 + 6, 0);
            h.push(0, ip(noSum));
            byte[] out = h.outputBytes(0).get(1);
            assertEquals(0, u16(out, L4 + 6), "no checksum stays no checksum");
            assertEquals(6000, u16(out, L4));
            assertEquals(Addresses.ip("1.0.0.1"), u32(out, IP + 12));
            Frames.assertIpChecksum(out);

            byte[] reply = FrameBuilder.udp().src("8.8.4.4", 53).dst("1.0.0.1", 5353).payloadLength(7).build();
            h.push(1, ip(reply));
            byte[] back = FrameBuilder.udp().src("8.8.4.4", 53).dst("192.168.7.9", 5353).payloadLength(7).build();
            assertArrayEquals(back, h.outputBytes(1).getFirst());
        }
    }

    @Test
    void unknownRepliesAreDroppedAndCounted() throws Exception {
        try (Harness h = nat(NAT)) {
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 40000).build()));
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 40000).dst("2.0.0.2", 80).build()));
            // Right ports, wrong peer: not the reply flow.
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.3", 80).dst("1.0.0.1", 40000).build()));
            // Right peer, UDP instead of TCP.
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 80).dst("1.0.0.1", 40000).build()));
            assertEquals(1, h.count(0));
            assertEquals(0, h.count(1));
            assertEquals("3", h.read("drops"));
            assertEquals("0", h.read("mapping_failures"));
        }
    }

    @Test
    void aMappedFlowIsTranslatedWhateverInputItArrivesOn() throws Exception {
        try (Harness h = nat(NAT)) {
            byte[] in = FrameBuilder.udp().src("10.0.0.5", 2000).dst("2.0.0.2", 53).build();
            h.push(0, ip(in));
            h.push(1, ip(in));
            assertEquals(2, h.count(0));
            assertArrayEquals(h.outputBytes(0).get(0), h.outputBytes(0).get(1));
        }
    }

    @Test
    void sourcePortsAreUniqueAcross4096FlowsAndEachReplyFindsItsClient() throws Exception {
        try (Harness h = nat(NAT)) {
            int n = 4096;
            for (int i = 0; i < n; i++) {
                // Every client uses source port 5555: all but one need a different port.
                String client = "10.0." + (i >>> 8) + "." + (i & 0xFF);
                h.push(0, ip(FrameBuilder.udp().src(client, 5555).dst("2.0.0.2", 53).build()));
            }
            assertEquals(n, h.count(0));
            assertEquals(Integer.toString(n), h.read("nmappings"));
            Set<Integer> ports = new HashSet<>();
            List<byte[]> outs = h.outputBytes(0);
            for (byte[] out : outs) {
                int port = u16(out, L4);
                assertTrue(port >= 1024 && port <= 65535, "port " + port + " in range");
                assertTrue(ports.add(port), "port " + port + " allocated twice");
                assertEquals(Addresses.ip("1.0.0.1"), u32(out, IP + 12));
                assertChecksums(out);
            }
            assertEquals(5555, u16(outs.getFirst(), L4), "the first client keeps its port");
            h.clearOutputs();
            for (int i = 0; i < n; i++) {
                int port = u16(outs.get(i), L4);
                h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", port).build()));
            }
            List<byte[]> replies = h.outputBytes(1);
            assertEquals(n, replies.size());
            for (int i = 0; i < n; i++) {
                assertEquals(Addresses.ip("10.0." + (i >>> 8) + "." + (i & 0xFF)), u32(replies.get(i), IP + 16));
                assertEquals(5555, u16(replies.get(i), L4 + 2));
                assertChecksums(replies.get(i));
            }
        }
    }

    @Test
    void sequentialAllocationRunsOutAndCountsAFailure() throws Exception {
        try (Harness h = nat("IPRewriter(pattern 1.0.0.1 5000-5003# - - 0 1, drop)")) {
            for (int i = 0; i < 5; i++) {
                h.push(0, ip(FrameBuilder.tcp().src("10.0.0." + (i + 1), 1234).dst("2.0.0.2", 80).build()));
            }
            assertEquals(4, h.count(0));
            for (int i = 0; i < 4; i++) {
                assertEquals(5000 + i, u16(h.outputBytes(0).get(i), L4));
            }
            assertEquals("1", h.read("mapping_failures"));
            assertEquals("1", h.read("drops"));
            assertEquals("1.0.0.1 5000-5003 - - [4]\n<drop>\n", h.read("patterns"));
        }
    }

    @Test
    void capacityOverflowIsRefusedAndCounted() throws Exception {
        try (Harness h = nat("IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, drop, MAPPING_CAPACITY 10)")) {
            for (int i = 0; i < 11; i++) {
                h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3000 + i).dst("2.0.0.2", 53).build()));
            }
            assertEquals(10, h.count(0));
            assertEquals("10", h.read("size"));
            assertEquals("1", h.read("mapping_failures"));
            assertEquals("1", h.read("drops"));
            // Established flows keep working.
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 3009).build()));
            assertEquals(1, h.count(1));
            assertEquals("10", h.read("capacity"));
            h.write("capacity", "11");
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3010).dst("2.0.0.2", 53).build()));
            assertEquals(11, h.count(0));
        }
    }

    @Test
    void aFullTableEvictsTheBestEffortFlowThatExpiresFirstAndRefusesWhenAllAreGuaranteed() throws Exception {
        try (Harness h = nat("IPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop, MAPPING_CAPACITY 3, "
                + "UDP_GUARANTEE 1, UDP_TIMEOUT 100)")) {
            long[] now = {0};
            rewriter(h).setClock(() -> now[0]);
            for (int i = 0; i < 3; i++) {
                now[0] = i * S;
                h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3000 + i).dst("2.0.0.2", 53).build()));
            }
            // Flow 0's reply renews its guarantee; flow 1 (guaranteed until 2 s) is best effort now.
            now[0] = 2 * S + S / 5;
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 1024).build()));
            now[0] = 2 * S + S / 2;
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3003).dst("2.0.0.2", 53).build()));
            assertEquals(4, h.count(0), "the new flow is admitted");
            assertEquals(1027, u16(h.outputBytes(0).get(3), L4));
            assertEquals("3", h.read("size"));
            assertEquals("0", h.read("mapping_failures"));
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 1025).build()));
            assertEquals(1, h.count(1), "flow 1 was evicted: its reply is dropped");
            // Every flow is guaranteed now: the next new flow is refused (its port is used up all the same).
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3004).dst("2.0.0.2", 53).build()));
            assertEquals(4, h.count(0));
            assertEquals("1", h.read("mapping_failures"));
            for (int port : new int[] {1024, 1026, 1027}) {
                h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", port).build()));
            }
            assertEquals(4, h.count(1), "the three admitted flows live on");
            // Once the guarantees end, a smaller capacity evicts the flows that expire first.
            now[0] = 10 * S;
            h.write("capacity", "1");
            assertEquals("1", h.read("size"));
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 1027).build()));
            assertEquals(5, h.count(1), "flow 3, refreshed last, is kept");
        }
    }

    @Test
    void aClosingTcpFlowIsEvictedBeforeOpenOnesWithoutGuarantees() throws Exception {
        try (Harness h = nat("TCPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop, MAPPING_CAPACITY 2, "
                + "GUARANTEE 0)")) {
            long[] now = {0};
            rewriter(h).setClock(() -> now[0]);
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.1", 3000).dst("2.0.0.2", 80).build()));
            now[0] = S;
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.1", 3001).dst("2.0.0.2", 80).build()));
            now[0] = 2 * S;
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.1", 3000).dst("2.0.0.2", 80).tcpFlags(0x04).build()));
            now[0] = 3 * S;
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.1", 3002).dst("2.0.0.2", 80).build()));
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 1024).build()));
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 1025).build()));
            assertEquals(1, h.count(1), "the reset flow (done timeout) went first, the other one lives");
            assertEquals(3001, u16(h.outputBytes(1).get(0), L4 + 2));
        }
    }

    @Test
    void rewritersNamingEachOtherShareOneCapacity() throws Exception {
        String graph = "input [0] -> a :: IPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop, "
                + "MAPPING_CAPACITY b, GUARANTEE 0, UDP_GUARANTEE 0, UDP_TIMEOUT 100) -> [0] output;\n"
                + "input [1] -> b :: IPRewriter(pattern 1.0.0.2 1024-65535# - - 0 1, drop, "
                + "MAPPING_CAPACITY 2, UDP_GUARANTEE 0, UDP_TIMEOUT 10) -> [1] output;\n"
                + "Idle -> [1] a [1] -> Discard; Idle -> [1] b [1] -> Discard;";
        try (Harness h = Harness.graph(graph, 2, 2)) {
            h.push(1, ip(FrameBuilder.udp().src("10.0.0.1", 3000).dst("2.0.0.2", 53).build()));
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3001).dst("2.0.0.2", 53).build()));
            assertEquals("2", h.read("e/a.size"));
            assertEquals("2", h.read("e/a.capacity"));
            // A third flow, in a: b's flow expires first (10 s against 100 s) and makes room.
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3002).dst("2.0.0.2", 53).build()));
            assertEquals(2, h.count(0));
            assertEquals("2", h.read("e/b.size"));
            assertEquals("0", h.read("e/b.table_size"));
            assertEquals("2", h.read("e/a.table_size"));
        }
        assertTrue(error("IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, drop, MAPPING_CAPACITY 1x)", 2, 2)
                .contains("expected an integer or a rewriter's name"));
    }

    @Test
    void aRoundRobinIPMapperHandsNewFlowsToItsPatternsInTurn() throws Exception {
        String graph = "map :: RoundRobinIPMapper(1.0.0.1 1024-65535# - - 0 1, 1.0.0.2 2000-2001# - - 1 0);\n"
                + "input [0] -> rw :: IPRewriter(map, pass 1); input [1] -> [1] rw;\n"
                + "rw[0] -> [0] output; rw[1] -> [1] output;";
        try (Harness h = Harness.graph(graph, 2, 2)) {
            for (int i = 0; i < 6; i++) {
                h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3000 + i).dst("2.0.0.2", 53).build()));
            }
            // 1.0.0.1 (output 0) and 1.0.0.2 (output 1) in turn; the sixth finds 1.0.0.2's two ports taken
            assertEquals(4, h.count(0));
            assertEquals(2, h.count(1));
            assertEquals(Addresses.ip("1.0.0.2"), u32(h.outputBytes(1).get(1), IP + 12));
            assertEquals(2001, u16(h.outputBytes(1).get(1), L4));
            assertEquals(1027, u16(h.outputBytes(0).get(3), L4));
            // A reply to the second pattern's flow leaves on that pattern's reply output, 0.
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.2", 2000).build()));
            assertEquals(5, h.count(0));
            assertEquals("<mapper> [6]\n<nochange>\n", h.read("e/rw.patterns"));
        }
        assertTrue(error("IPRewriter(nosuchmapper, drop)", 2, 2).contains("unknown specification"));
    }

    @Test
    void writingAPatternHandlerReplacesTheSpecAndRemovesItsFlowsAndTcpLookupFindsMappings() throws Exception {
        try (Harness h = nat("IPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop)")) {
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.1", 3000).dst("2.0.0.2", 80).build()));
            assertEquals("1.0.0.1 1024 2.0.0.2 80\n", h.router().read("e.tcp_lookup", "10.0.0.1 3000 2.0.0.2 80"));
            assertEquals("2.0.0.2 80 10.0.0.1 3000\n", h.router().read("e.tcp_lookup", "2.0.0.2 80 1.0.0.1 1024"));
            assertEquals("", h.router().read("e.tcp_lookup", "2.0.0.2 80 1.0.0.1 1025"));
            HandlerException bad = assertThrows(HandlerException.class, () -> h.router().read("e.tcp_lookup", "1.2.3.4"));
            assertTrue(bad.getMessage().contains("SADDR SPORT DADDR DPORT"), bad.getMessage());

            h.write("pattern0", "pattern 1.0.0.9 5000-5010# - - 0 1");
            assertEquals("1.0.0.9 5000-5010 - -\n", h.read("pattern0"));
            assertEquals("0", h.read("table_size"), "the old pattern's flow is gone");
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.1", 3000).dst("2.0.0.2", 80).build()));
            assertEquals(Addresses.ip("1.0.0.9"), u32(h.outputBytes(0).get(1), IP + 12));
            assertEquals(5000, u16(h.outputBytes(0).get(1), L4));
            h.write("pattern1", "pass 1");
            h.push(1, ip(FrameBuilder.tcp().src("7.7.7.7", 1).dst("8.8.8.8", 2).build()));
            assertEquals(1, h.count(1));

            HandlerException e = assertThrows(HandlerException.class, () -> h.write("pattern0", "frobnicate 1 2"));
            assertEquals("input spec 0: unknown specification", e.getMessage());
            e = assertThrows(HandlerException.class, () -> h.write("pattern0", "pattern 1.0.0.1-1.0.0.9 - 0 1"));
            assertTrue(e.getMessage().contains("address ranges"), e.getMessage());
            assertEquals("1.0.0.9 5000-5010 - - [1]\n", h.read("pattern0"), "a refused write changes nothing");
        }
    }

    @Test
    void eachWorkerHasItsOwnTableUnlessMigrationIsHandled() throws Exception {
        try (Harness h = nat(NAT)) {
            RewriteTables t = rewriter(h).tables();
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 3000).dst("2.0.0.2", 53).build()));
            RewriteTable worker1 = t.forWorker(1);
            assertTrue(worker1 != t.current(), "off worker threads the table is worker 0's");
            assertEquals(1, t.current().flows);
            assertEquals(0, worker1.flows, "worker 1 does not see worker 0's flow");
            assertEquals(worker1, t.forWorker(1));
            assertEquals("1", h.read("table_size"));
        }
        try (Harness h = nat("IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, drop, HANDLE_MIGRATION true)")) {
            RewriteTables t = rewriter(h).tables();
            assertEquals(t.current(), t.forWorker(1), "one table for every worker");
        }
        String graph = "input -> a :: UDPRewriter(pattern 1.0.0.1 1024-65535# - - 0 0, MAPPING_CAPACITY b) -> output;\n"
                + "Idle -> b :: UDPRewriter(pattern 1.0.0.2 1024-65535# - - 0 0, MAPPING_CAPACITY 7) -> Discard;";
        try (Harness h = Harness.graph(graph, 1, 1)) {
            RewriteTables a = ((IPRewriter) h.router().element("e/a")).tables();
            RewriteTables b = ((IPRewriter) h.router().element("e/b")).tables();
            assertEquals(b.forWorker(1).heap, a.forWorker(1).heap, "worker 1's tables share worker 1's capacity");
            assertTrue(a.forWorker(0).heap != a.forWorker(1).heap);
            assertEquals(7, a.forWorker(1).heap.capacity);
        }
    }

    @Test
    void udpMappingsExpireAndAreReapedWithoutTimerThreads() throws Exception {
        try (Harness h = nat("IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, drop, UDP_TIMEOUT 10, REAP_INTERVAL 1)")) {
            long[] now = {0};
            rewriter(h).setClock(() -> now[0]);
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.5", 2000).dst("2.0.0.2", 53).build()));
            now[0] = 9 * S;
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 2000).build()));
            assertEquals(1, h.count(1), "the reply refreshed the mapping");
            now[0] = 18 * S;
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 2000).build()));
            assertEquals(2, h.count(1), "9 s after the last packet the mapping still lives");
            now[0] = 28 * S;
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 2000).build()));
            assertEquals(2, h.count(1), "expired: the reply is dropped");
            assertEquals("0", h.read("nmappings"));

            // The periodic sweep removes expired mappings that nothing looks up any more.
            for (int i = 0; i < 3; i++) {
                h.push(0, ip(FrameBuilder.udp().src("10.0.0.6", 3000 + i).dst("2.0.0.2", 53).build()));
            }
            assertEquals("3", h.read("nmappings"));
            now[0] = 60 * S;
            h.push(1, ip(FrameBuilder.udp().src("9.9.9.9", 1).dst("1.0.0.1", 1).build()));
            assertEquals("0", h.read("nmappings"));
        }
    }

    @Test
    void tcpTimeoutsFollowTheConnectionState() throws Exception {
        String decl = "IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, drop, TCP_NODATA_TIMEOUT 100, "
                + "TCP_DONE_TIMEOUT 5, TCP_TIMEOUT 1000)";
        try (Harness h = nat(decl)) {
            long[] now = {0};
            rewriter(h).setClock(() -> now[0]);
            // Flow A closes (FIN both ways); flow B stays open without data.
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 1111).dst("2.0.0.2", 80).tcpFlags(0x02).build()));
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 2222).dst("2.0.0.2", 80).tcpFlags(0x02).build()));
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 1111).dst("2.0.0.2", 80).tcpFlags(0x11).build()));
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 1111).tcpFlags(0x11).build()));
            assertTrue(h.read("tcp_table").contains("exp5\n"), h.read("tcp_table"));
            now[0] = 6 * S;
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 1111).tcpFlags(0x10).build()));
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 2222).tcpFlags(0x10).build()));
            assertEquals(2, h.count(1), "the closed flow is gone, the open one is not");
            assertEquals("1", h.read("nmappings"));
            // Payload both ways: the long TCP_TIMEOUT applies.
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 2222).dst("2.0.0.2", 80).payloadLength(10).build()));
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 2222).payloadLength(10).build()));
            now[0] = 500 * S;
            h.push(1, ip(FrameBuilder.tcp().src("2.0.0.2", 80).dst("1.0.0.1", 2222).build()));
            assertEquals(4, h.count(1));
        }
    }

    @Test
    void otherProtocolsFragmentsAndUnannotatedPacketsAreDroppedUnlessPassed() throws Exception {
        try (Harness h = nat("IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, pass 1)")) {
            byte[] icmp = FrameBuilder.icmp().src("10.0.0.5", 0).dst("2.0.0.2", 0).build();
            byte[] gre = FrameBuilder.ip(47).src("10.0.0.5", 0).dst("2.0.0.2", 0).payloadLength(20).build();
            byte[] fragment = FrameBuilder.udp().src("10.0.0.5", 7).dst("2.0.0.2", 7).fragment(0x0010).build();
            byte[] udp = FrameBuilder.udp().src("10.0.0.5", 7).dst("2.0.0.2", 7).build();
            byte[] shortUdp = java.util.Arrays.copyOf(udp, L4 + 6);
            for (byte[] f : List.of(icmp, gre, fragment, shortUdp)) {
                h.push(0, ip(f));
                h.push(1, ip(f));
            }
            h.push(0, Harness.packet(udp));
            h.push(1, Harness.packet(udp));
            assertEquals(0, h.count(0));
            assertEquals(5, h.count(1));
            assertEquals("5", h.read("drops"));
            assertArrayEquals(icmp, h.outputBytes(1).getFirst(), "passed unchanged");
            assertEquals("0", h.read("nmappings"));
            // The first fragment of a datagram is translated.
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.5", 7).dst("2.0.0.2", 7).fragment(0x2000).build()));
            assertEquals(1, h.count(0));
        }
    }

    @Test
    void keepAndPassSpecifications() throws Exception {
        try (Harness h = Harness.element("IPRewriter(keep 0 1, pass 2)", 2, 3)) {
            byte[] in = FrameBuilder.tcp().src("10.0.0.5", 1000).dst("2.0.0.2", 80).build();
            h.push(0, ip(in));
            assertArrayEquals(in, h.outputBytes(0).getFirst());
            byte[] reply = FrameBuilder.tcp().src("2.0.0.2", 80).dst("10.0.0.5", 1000).build();
            h.push(1, ip(reply));
            assertArrayEquals(reply, h.outputBytes(1).getFirst(), "keep maps the reply to ROUTPUT");
            byte[] other = FrameBuilder.tcp().src("3.0.0.3", 80).dst("10.0.0.5", 1000).build();
            h.push(1, ip(other));
            assertArrayEquals(other, h.outputBytes(2).getFirst());
            assertEquals("<keep> [1]\n<nochange>\n", h.read("patterns"));
        }
    }

    @Test
    void fixedPatternsRewriteDestinationsAndANewFlowTakesOverAClashingReplyFlow() throws Exception {
        try (Harness h = nat("IPRewriter(pattern - 7000 5.0.0.5 8080 0 1, drop)")) {
            byte[] in = FrameBuilder.tcp().src("10.0.0.5", 1000).dst("2.0.0.2", 80).seq(77, 88).build();
            h.push(0, ip(in));
            byte[] want = FrameBuilder.tcp().src("10.0.0.5", 7000).dst("5.0.0.5", 8080).seq(77, 88).build();
            assertArrayEquals(want, h.outputBytes(0).getFirst());
            // Another client maps to the same rewritten flow: it replaces the first mapping.
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 1001).dst("2.0.0.2", 80).build()));
            assertEquals("1", h.read("nmappings"));
            h.push(1, ip(FrameBuilder.tcp().src("5.0.0.5", 8080).dst("10.0.0.5", 7000).build()));
            byte[] back = h.outputBytes(1).getFirst();
            assertEquals(1001, u16(back, L4 + 2));
            assertEquals(80, u16(back, L4));
            assertEquals(Addresses.ip("2.0.0.2"), u32(back, IP + 12));
        }
    }

    @Test
    void checksumsStayExactForRandomFlowsBothWays() throws Exception {
        Random r = new Random(42);
        try (Harness h = nat("IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, drop)")) {
            for (int i = 0; i < 2000; i++) {
                boolean tcp = r.nextBoolean();
                FrameBuilder b = tcp ? FrameBuilder.tcp() : FrameBuilder.udp();
                int client = r.nextInt();
                int server = r.nextInt() | 1;
                int cport = 1 + r.nextInt(65535);
                int sport = 1 + r.nextInt(65535);
                b.srcIp(client).dstIp(server).ports(cport, sport).ttl(r.nextInt(256)).ipId(r.nextInt(65536))
                        .payloadLength(r.nextInt(40)).fill(r.nextInt(256));
                if (tcp) {
                    b.seq(r.nextInt(), r.nextInt()).tcpFlags(0x10);
                }
                h.push(0, ip(b.build()));
                List<byte[]> outs = h.outputBytes(0);
                byte[] out = outs.getLast();
                assertChecksums(out);
                int natPort = u16(out, L4);
                FrameBuilder rb = tcp ? FrameBuilder.tcp() : FrameBuilder.udp();
                rb.srcIp(server).dstIp(Addresses.ip("1.0.0.1")).ports(sport, natPort).payloadLength(r.nextInt(40))
                        .ttl(r.nextInt(256)).fill(r.nextInt(256));
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
    void tablesAndClear() throws Exception {
        try (Harness h = nat(NAT)) {
            long[] now = {0};
            rewriter(h).setClock(() -> now[0]);
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.5", 2000).dst("2.0.0.2", 53).build()));
            h.push(0, ip(FrameBuilder.tcp().src("10.0.0.5", 3000).dst("2.0.0.2", 80).tcpFlags(0x02).build()));
            assertEquals("(10.0.0.5, 2000, 2.0.0.2, 53) => (1.0.0.1, 2000, 2.0.0.2, 53) [*0 1] i0 exp300\n"
                    + "(2.0.0.2, 53, 1.0.0.1, 2000) => (2.0.0.2, 53, 10.0.0.5, 2000) [0 *1] i0 exp300\n",
                    h.read("udp_table"));
            assertEquals("(10.0.0.5, 3000, 2.0.0.2, 80) => (1.0.0.1, 3000, 2.0.0.2, 80) [*0 1] i0 exp300\n"
                    + "(2.0.0.2, 80, 1.0.0.1, 3000) => (2.0.0.2, 80, 10.0.0.5, 3000) [0 *1] i0 exp300\n",
                    h.read("tcp_table"));
            assertEquals(h.read("tcp_table") + h.read("udp_table"), h.read("table"));
            assertEquals("2", h.read("table_size"));
            assertEquals("1.0.0.1 1024-65535 - - [2]\n", h.read("pattern0"));
            h.write("clear", "");
            assertEquals("0", h.read("size"));
            assertEquals("", h.read("table"));
            h.push(1, ip(FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 2000).build()));
            assertEquals(0, h.count(1));
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.5", 2000).dst("2.0.0.2", 53).build()));
            assertEquals(3, h.count(0), "a cleared table fills again");
        }
    }

    @Test
    void namedPatternsComeFromIPRewriterPatterns() throws Exception {
        String body = "IPRewriterPatterns(out 1.0.0.9 6000-6001# - -);\n"
                + "rw :: IPRewriter(pattern out 0 1, pattern out 1 0);\n"
                + "input [0] -> [0] rw; input [1] -> [1] rw; rw [0] -> [0] output; rw [1] -> [1] output;";
        try (Harness h = Harness.graph(body, 2, 2)) {
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.5", 1).dst("2.0.0.2", 53).build()));
            h.push(1, ip(FrameBuilder.udp().src("10.0.0.6", 1).dst("2.0.0.2", 53).build()));
            assertEquals(6000, u16(h.outputBytes(0).getFirst(), L4));
            assertEquals(6001, u16(h.outputBytes(1).getFirst(), L4), "the allocator is shared");
            assertEquals(Addresses.ip("1.0.0.9"), u32(h.outputBytes(1).getFirst(), IP + 12));
        }
    }

    @Test
    void configurationErrors() {
        assertEquals("input spec 0: bad source port", error("IPRewriter(pattern 1.0.0.1 0 - - 0 1, drop)", 2, 2));
        assertEquals("input spec 0: bad source port", error("IPRewriter(pattern 1.0.0.1 9-3 - - 0 1, drop)", 2, 2));
        assertEquals("input spec 1: bad destination port", error("IPRewriter(drop, pattern - - - 70000 0 1)", 2, 2));
        assertEquals("input spec 0: bad source address", error("IPRewriter(pattern 1.0.0 - - - 0 1, drop)", 2, 2));
        assertEquals("input spec 0: bad destination address", error("IPRewriter(pattern - - x - 0 1, drop)", 2, 2));
        assertEquals("input spec 0: syntax error", error("IPRewriter(pattern 1.0.0.1 - - - - 0 1, drop)", 2, 2));
        assertEquals("input spec 0: address ranges are not supported here (IPAddrRewriter has them)",
                error("IPRewriter(pattern 1.0.0.1-1.0.0.9 - 0 1, drop)", 2, 2));
        assertEquals("input spec 0: syntax error", error("IPRewriter(pattern 0 1, drop)", 2, 2));
        assertEquals("input spec 0: output port out of range",
                error("IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 2, drop)", 2, 2));
        assertEquals("input spec 0: bad reply port", error("IPRewriter(pattern - - - - 0 x, drop)", 2, 2));
        assertEquals("input spec 0: bad forward port", error("IPRewriter(keep 0, drop)", 2, 2));
        assertEquals("input spec 1: syntax error, expected 'drop'", error("IPRewriter(drop, drop 1)", 2, 2));
        assertEquals("input spec 1: syntax error, expected 'nochange [OUTPUT]'", error("IPRewriter(drop, pass x)", 2, 2));
        assertEquals("input spec 1: output port out of range", error("IPRewriter(drop, pass 3)", 2, 2));
        assertEquals("input spec 0: unknown specification", error("IPRewriter(frobnicate, drop)", 2, 2));
        assertEquals("input spec 0: empty argument", error("IPRewriter(, drop)", 2, 2));
        assertEquals("need 2 arguments, one per input port", error("IPRewriter(drop)", 2, 2));
        assertEquals("MAPPING_CAPACITY: must be between 1 and 4194304, got 0",
                error("IPRewriter(drop, MAPPING_CAPACITY 0)", 1, 1));
        assertEquals("UDP_TIMEOUT: expected duration, got 'soon'", error("IPRewriter(drop, UDP_TIMEOUT soon)", 1, 1));
        assertEquals("input spec 0: no such pattern 'nope'", error("IPRewriter(pattern nope 0 0)", 1, 1));
        assertEquals("pattern 'p': bad source port", error("IPRewriterPatterns(p - 0 - -)", 0, 0));
    }
}
