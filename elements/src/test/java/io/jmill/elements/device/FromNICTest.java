package io.jmill.elements.device;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.sim.Toeplitz;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jmill.layout.PacketMemory.MEMORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FromNICTest {
    /** The metadata area with the timestamp cleared (the NIC stamps wall-clock time). */
    static byte[] metadataWithoutTimestamp(Packet p) {
        byte[] m = MEMORY.asSlice(p.slotBase(), PacketPool.METADATA_SIZE).toArray(ValueLayout.JAVA_BYTE);
        int t = MetadataLayout.active().offset(MetadataField.TIMESTAMP);
        Arrays.fill(m, t, t + 8, (byte) 0);
        return m;
    }

    @Test
    void pushesGeneratedFramesWithTheirMetadata() throws Exception {
        try (Harness h = Harness.element("FromNIC(nic0, FLOWS 4, SRC 10.0.0.1-10.0.0.4, DPORT 53, SIZE 100, VLAN 0x2007)")) {
            assertEquals(32, h.runTask("e"));
            assertEquals(32, h.count(0));
            long now = System.currentTimeMillis() * 1_000_000L;
            for (Packet p : h.output(0)) {
                byte[] f = p.toByteArray();
                assertEquals(100, f.length);
                assertEquals(0x8100, p.u16(12));
                assertEquals(0x2007, p.u16(14));
                assertEquals(0x2007, p.vlanTci());
                assertEquals(0, Checksum.of(f, 18, 20));
                int src = p.u32(30);
                assertTrue(src >= 0x0A000001 && src <= 0x0A000004);
                assertEquals(53, p.u16(40));
                assertEquals(Toeplitz.hash(src, p.u32(34), p.u16(38), 53), p.rssHash());
                assertEquals(0, p.macHeaderOffset());
                assertEquals(Packet.HOST, p.packetType());
                assertEquals(0, p.inputDevice());
                assertEquals(0, p.inputQueue());
                assertTrue(Math.abs(p.timestampNanos() - now) < 60_000_000_000L, "wall-clock timestamp");
            }
            assertEquals("32", h.read("count"));
            assertEquals("3200", h.read("bytes"));
            assertEquals("0", h.read("drops"));
            assertEquals("xchange", h.read("model"));
            assertTrue(h.read("stats").startsWith("simulated NIC nic0: port 0, model xchange, 1 queue, ring 1024, UDP 4 flows"),
                    h.read("stats"));
            h.write("reset_counts", "");
            assertEquals("0", h.read("count"));
        }
    }

    private static List<byte[][]> receiveWith(String model) throws Exception {
        List<byte[][]> seen = new ArrayList<>();
        try (Harness h = Harness.element("FromNIC(nic0, MODEL " + model
                + ", FLOWS 300, SRC 10.0.0.0/24, SPORT 1000-1001, SIZE imix, VLAN 42, PROTO tcp, BURST 16)")) {
            for (int i = 0; i < 50; i++) {
                h.runTask("e");
            }
            for (Packet p : h.output(0)) {
                seen.add(new byte[][] {p.toByteArray(), metadataWithoutTimestamp(p)});
            }
        }
        return seen;
    }

    @Test
    void allModelsPushTheSameBytesAndMetadata() throws Exception {
        List<byte[][]> copying = receiveWith("copying");
        List<byte[][]> overlaying = receiveWith("overlaying");
        List<byte[][]> xchange = receiveWith("xchange");
        assertEquals(800, copying.size());
        for (int i = 0; i < copying.size(); i++) {
            assertArrayEquals(copying.get(i)[0], overlaying.get(i)[0], "bytes " + i);
            assertArrayEquals(copying.get(i)[1], overlaying.get(i)[1], "metadata " + i);
            assertArrayEquals(copying.get(i)[0], xchange.get(i)[0], "bytes " + i);
            assertArrayEquals(copying.get(i)[1], xchange.get(i)[1], "metadata " + i);
        }
    }

    @Test
    void limitEndsTheTaskAndStopStopsTheRouter() throws Exception {
        try (Harness h = Harness.element("FromNIC(nic0, LIMIT 40, STOP true)")) {
            assertEquals(32, h.runTask("e"));
            assertEquals(8, h.runTask("e"));
            assertEquals(Task.DONE, h.runTask("e"));
            assertEquals(40, h.count(0));
            assertTrue(h.router().stopping());
            assertEquals("e: LIMIT reached (40 packets)", h.router().stopReason());
        }
    }

    @Test
    void queueWithoutFlowsIsDoneAtOnce() throws Exception {
        int busy = Toeplitz.queue(Toeplitz.hash(0x0A000001, 0x0A000002, 1234, 80), 4);
        int idle = (busy + 1) % 4;
        try (Harness h = Harness.element("FromNIC(nic0, " + idle + ", N_QUEUES 4, STOP true)")) {
            assertEquals(Task.DONE, h.runTask("e"));
            assertEquals("e: no more traffic on queue " + idle, h.router().stopReason());
        }
        try (Harness h = Harness.element("FromNIC(nic0, " + busy + ", N_QUEUES 4)")) {
            assertEquals(32, h.runTask("e"));
        }
    }

    @Test
    void inactiveSourceDoesNothingUntilActivated() throws Exception {
        try (Harness h = Harness.element("FromNIC(nic0, ACTIVE false)")) {
            assertEquals(0, h.runTask("e"));
            h.write("active", "true");
            assertEquals(32, h.runTask("e"));
        }
    }

    @Test
    void rateLimitedQueueMissesWhatItDoesNotPoll() throws Exception {
        try (Harness h = Harness.element("FromNIC(nic0, RATE 200k, NDESC 64, BURST 64)")) {
            assertEquals("200000", h.read("rate"));
            h.runTask("e");
            Thread.sleep(30);
            assertEquals(64, h.runTask("e"));
            long drops = Long.parseLong(h.read("drops"));
            assertTrue(drops > 1000, "missed " + drops);
            h.write("rate", "0");
            assertEquals("0", h.read("rate"));
            h.clearOutputs();
            assertEquals(64, h.runTask("e"));
            var e = assertThrows(io.jmill.engine.handler.HandlerException.class, () -> h.write("rate", "fast"));
            assertTrue(e.getMessage().startsWith("rate: "), e.getMessage());
        }
    }

    @Test
    void queuesShareOneNicAndRssSplitsTheFlows() throws Exception {
        try (Harness h = Harness.graph("""
                q0 :: FromNIC(nic0, 0, FLOWS 1000, SRC 10.0.0.0/16) -> output;
                q1 :: FromNIC(nic0, 1) -> [1] output;
                """, 0, 2)) {
            for (int i = 0; i < 10; i++) {
                h.runTask("e/q0");
                h.runTask("e/q1");
            }
            assertEquals(320, h.count(0));
            assertEquals(320, h.count(1));
            for (int port = 0; port < 2; port++) {
                for (Packet p : h.output(port)) {
                    assertEquals(port, p.inputQueue());
                    assertEquals(port, Toeplitz.queue(p.rssHash(), 2));
                }
            }
            assertTrue(h.read("e/q1.stats").contains("2 queues"));
        }
    }

    @Test
    void devicesAreNumberedPerRouter() throws Exception {
        try (Harness h = Harness.graph("""
                a :: FromNIC(nicA) -> output;
                b :: FromNIC(nicB) -> [1] output;
                """, 0, 2)) {
            h.runTask("e/a");
            h.runTask("e/b");
            assertEquals(0, h.output(0).get(0).inputDevice());
            assertEquals(1, h.output(1).get(0).inputDevice());
        }
    }

    private static List<String> errors(String body) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.graph(body, 0, 0).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }

    @Test
    void elementsSharingANicMustAgree() {
        assertEquals(List.of("device 'nic0': SIZE is 64 in e/a but 128 in e/b (elements sharing a device must agree on its settings)",
                        "device 'nic0' could not be opened (see e/a)"),
                errors("a :: FromNIC(nic0, SIZE 64) -> Discard; b :: FromNIC(nic0, QUEUE 1, SIZE 128) -> Discard;"));
        assertEquals("device 'nic0': MODEL is copying in e/a but overlaying in e/t (elements sharing a device must agree on its settings)",
                errors("a :: FromNIC(nic0, MODEL copying) -> t :: ToNIC(nic0, MODEL overlaying);").get(0));
    }

    @Test
    void onePollerPerQueue() {
        List<String> e = errors("a :: FromNIC(nic0) -> Discard; b :: FromNIC(nic0) -> Discard;");
        assertEquals("receive queue 0 of 'nic0' is also used by e/b (one element per queue and direction)", e.get(0));
    }

    @Test
    void badSettingsAreReportedWithTheirKeyword() {
        assertEquals(List.of("FLOWS: 5 flows exceed the 1 distinct address/port combinations the ranges allow"),
                errors("FromNIC(nic0, FLOWS 5) -> Discard;"));
        assertEquals(List.of("SIZE: frame size 40 is out of range (42 to 2048 bytes for UDP)"),
                errors("FromNIC(nic0, SIZE 40) -> Discard;"));
        assertEquals(List.of("SIZE: expected a frame size, 'imix', or a list of sizes such as '64 570 1518', got 'big'"),
                errors("FromNIC(nic0, SIZE big) -> Discard;"));
        assertEquals(List.of("SRC: bad IPv4 address '10.0.0.300'"), errors("FromNIC(nic0, SRC 10.0.0.1-10.0.0.300) -> Discard;"));
        assertEquals(List.of("SPORT: expected a port or port range such as 1000-2000, got '70000'"),
                errors("FromNIC(nic0, SPORT 70000) -> Discard;"));
        assertEquals(List.of("MODEL: expected one of COPYING, OVERLAYING, XCHANGE, got 'zerocopy'"),
                errors("FromNIC(nic0, MODEL zerocopy) -> Discard;"));
        assertEquals(List.of("QUEUE 2 does not exist with N_QUEUES 2"), errors("FromNIC(nic0, 2, N_QUEUES 2) -> Discard;"));
        assertEquals(List.of("bad ring size 1000 for nic0: must be a power of two between 64 and 32768"),
                errors("FromNIC(nic0, NDESC 1000) -> Discard;"));
        assertEquals(List.of("device 'nic0' has N_QUEUES 1 but queue 1 is used"),
                errors("FromNIC(nic0, N_QUEUES 1) -> Discard; FromNIC(nic0, 1) -> Discard;").subList(0, 1));
    }
}
