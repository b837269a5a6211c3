package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jmill.elements.standard.TestPackets.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfiniteSourceTest {

    @Test
    void defaultDataIsAValidEthernetIpv4UdpFrame() {
        byte[] f = InfiniteSource.DEFAULT_DATA;
        assertEquals(60, f.length);
        assertEquals(0x0800, ((f[12] & 0xFF) << 8) | (f[13] & 0xFF), "ethertype IPv4");
        assertEquals(0x45, f[14] & 0xFF, "IPv4, 20-byte header");
        assertEquals(46, ((f[16] & 0xFF) << 8) | (f[17] & 0xFF), "IP total length");
        assertEquals(17, f[23], "UDP");
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += ((f[i] & 0xFF) << 8) | (f[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        assertEquals(0xFFFF, sum, "IP header checksum verifies");
        assertEquals(26, ((f[38] & 0xFF) << 8) | (f[39] & 0xFF), "UDP length");
        assertEquals("JMill test packet.", new String(f, 42, 18, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void sendsBurstsUntilLimitThenIsDone() throws Exception {
        try (Harness h = Harness.element("InfiniteSource(LIMIT 5, BURST 2)")) {
            assertEquals(2, h.runTask("e"));
            assertEquals(2, h.runTask("e"));
            assertEquals(1, h.runTask("e"));
            assertEquals(Task.DONE, h.runTask("e"));
            assertEquals(5, h.count(0));
            for (byte[] b : h.outputBytes(0)) {
                assertArrayEquals(InfiniteSource.DEFAULT_DATA, b);
            }
            assertEquals("5", h.read("count"));
            assertFalse(h.router().stopping(), "STOP is false by default");
            InfiniteSource s = (InfiniteSource) h.element();
            assertEquals(5, s.packetsOut());
            assertEquals(300, s.bytesOut());
        }
    }

    @Test
    void defaultBurstIsTheRouterBatch() throws Exception {
        try (Harness h = Harness.element("InfiniteSource")) {
            assertEquals(32, h.runTask("e"));
            assertEquals("32", h.read("burst"));
            assertEquals("-1", h.read("limit"));
        }
    }

    @Test
    void positionalArguments() throws Exception {
        try (Harness h = Harness.element("InfiniteSource(\\<0a 0b>, 3, 2, true)")) {
            assertEquals(2, h.runTask("e"));
            assertEquals(1, h.runTask("e"));
            assertEquals(Task.DONE, h.runTask("e"));
            assertArrayEquals(hex("0a0b"), h.outputBytes(0).get(2));
        }
    }

    @Test
    void stopAsksTheRouterToStopAtTheLimit() throws Exception {
        try (Harness h = Harness.element("InfiniteSource(LIMIT 3, STOP true)")) {
            assertEquals(3, h.runTask("e"));
            assertFalse(h.router().stopping());
            assertEquals(Task.DONE, h.runTask("e"));
            assertTrue(h.router().stopping());
            assertTrue(h.router().stopReason().contains("LIMIT reached"), h.router().stopReason());
        }
    }

    @Test
    void endCallWritesAHandlerAtTheLimit() throws Exception {
        try (Harness h = Harness.graph("s :: InfiniteSource(LIMIT 2, END_CALL e/c.reset) -> c :: Counter -> output", 0, 1)) {
            assertEquals(2, h.runTask("e/s"));
            assertEquals("2", h.read("e/c.count"));
            assertEquals(Task.DONE, h.runTask("e/s"));
            assertEquals("0", h.read("e/c.count"), "END_CALL reset the counter");
            assertFalse(h.router().stopping());
        }
    }

    @Test
    void lengthRepeatsOrCutsData() throws Exception {
        try (Harness h = Harness.element("InfiniteSource(DATA \\<01 02 03>, LENGTH 7, LIMIT 1)")) {
            h.runTask("e");
            assertArrayEquals(hex("01020301020301"), h.outputBytes(0).get(0));
        }
        try (Harness h = Harness.element("InfiniteSource(DATA \\<01 02 03>, LENGTH 2, LIMIT 1)")) {
            h.runTask("e");
            assertArrayEquals(hex("0102"), h.outputBytes(0).get(0));
        }
    }

    @Test
    void inactiveSendsNothingUntilActivated() throws Exception {
        try (Harness h = Harness.element("InfiniteSource(ACTIVE false, BURST 4)")) {
            assertEquals(0, h.runTask("e"));
            assertEquals("false", h.read("active"));
            h.write("active", "true");
            assertEquals(4, h.runTask("e"));
            assertEquals(4, h.count(0));
        }
    }

    @Test
    void handlersChangeLimitBurstDataAndReset() throws Exception {
        try (Harness h = Harness.element("InfiniteSource(DATA \\<01 02 03>, LIMIT 2, BURST 1)")) {
            assertEquals("\\<01 02 03>", h.read("data"));
            h.write("burst", "5");
            h.write("limit", "4");
            assertEquals(4, h.runTask("e"));
            assertEquals(Task.DONE, h.runTask("e"));
            h.write("reset", "");
            assertEquals("0", h.read("count"));
            h.write("data", "\\<ff ee>");
            assertEquals(4, h.runTask("e"));
            assertArrayEquals(hex("ffee"), h.outputBytes(0).get(7));
            h.write("length", "3");
            h.write("limit", "-5");
            assertEquals("-1", h.read("limit"));
            assertEquals(5, h.runTask("e"));
            assertArrayEquals(hex("ffeeff"), h.outputBytes(0).get(8));
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("burst", "0"));
            assertEquals("burst: must be between 1 and 2147483647, got 0", e.getMessage());
            e = assertThrows(HandlerException.class, () -> h.write("limit", "lots"));
            assertTrue(e.getMessage().startsWith("limit: expected integer"), e.getMessage());
            e = assertThrows(HandlerException.class, () -> h.write("data", "\"\""));
            assertEquals("length: cannot fill 3 bytes from empty data", e.getMessage());
            e = assertThrows(HandlerException.class, () -> h.write("active", "maybe"));
            assertTrue(e.getMessage().startsWith("active: "), e.getMessage());
        }
    }

    @Test
    void timestampsPacketsUnlessToldNotTo() throws Exception {
        try (Harness h = Harness.element("InfiniteSource(LIMIT 1)")) {
            long before = System.currentTimeMillis() * 1_000_000L;
            h.runTask("e");
            long ts = h.output(0).get(0).timestampNanos();
            assertTrue(Math.abs(ts - before) < 10_000_000_000L, "timestamp near now: " + ts);
        }
        try (Harness h = Harness.element("InfiniteSource(LIMIT 1, TIMESTAMP false)")) {
            h.runTask("e");
            assertEquals(0, h.output(0).get(0).timestampNanos());
        }
    }

    @Test
    void poolExhaustionIsCountedAndEndsTheBurst() throws Exception {
        try (Harness h = Harness.element("InfiniteSource(BURST 10, LIMIT 20)")) {
            List<Packet> taken = TestPackets.exhaustPool(3);
            try {
                assertEquals(3, h.runTask("e"));
                assertEquals(0, h.runTask("e"));
                assertEquals("17", h.read("drops"));
                assertEquals("3", h.read("count"));
                InfiniteSource s = (InfiniteSource) h.element();
                assertEquals(17, s.drops());
                assertEquals(3, s.packetsOut());
            } finally {
                TestPackets.release(taken);
            }
            assertEquals(10, h.runTask("e"));
            assertEquals(7, h.runTask("e"));
            assertEquals(Task.DONE, h.runTask("e"));
        }
    }

    @Test
    void pulledItReturnsOnePacketPerPullUpToTheLimit() throws Exception {
        try (Harness h = Harness.graph("s :: InfiniteSource(DATA \\<aa>, LIMIT 3, STOP true) -> u :: Unqueue(BURST 10) -> output",
                0, 1)) {
            assertEquals(Task.DONE, h.runTask("e/s"), "not scheduled when pulled");
            assertEquals(3, h.runTask("e/u"));
            assertEquals(0, h.runTask("e/u"));
            assertTrue(h.router().stopping());
            assertArrayEquals(hex("aa"), h.outputBytes(0).get(2));
            assertEquals("3", h.read("e/s.count"));
        }
    }

    @Test
    void badArgumentsAreReportedByName() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("InfiniteSource(BURST 0)"));
        assertTrue(e.getMessage().contains("BURST: must be between 1 and 2147483647, got 0"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("InfiniteSource(LIMIT many)"));
        assertTrue(e.getMessage().contains("LIMIT: expected integer"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("InfiniteSource(STOP perhaps)"));
        assertTrue(e.getMessage().contains("STOP: "), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("InfiniteSource(LENGTH 9999)"));
        assertTrue(e.getMessage().contains("LENGTH: must be between 0 and " + PacketPool.DATA_SIZE), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("InfiniteSource(DATA \"\", LENGTH 5)"));
        assertTrue(e.getMessage().contains("LENGTH: cannot fill 5 bytes from empty DATA"), e.getMessage());
        String big = "\\<" + "00 ".repeat(PacketPool.DATA_SIZE + 1) + ">";
        e = assertThrows(ConfigException.class, () -> Harness.element("InfiniteSource(" + big + ")"));
        assertTrue(e.getMessage().contains("DATA: " + (PacketPool.DATA_SIZE + 1) + " bytes do not fit in a packet (at most "
                + PacketPool.DATA_SIZE + ")"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("InfiniteSource(STOP true, END_CALL stop)"));
        assertTrue(e.getMessage().contains("END_CALL and STOP are mutually exclusive"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("InfiniteSource(LIMT 5)"));
        assertTrue(e.getMessage().contains("unknown keyword 'LIMT' (did you mean LIMIT?)"), e.getMessage());
    }
}
