package io.jmill.elements.standard;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jmill.elements.standard.VLANEncapTest.errors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatedSourceTest {
    private static final long MS = 1_000_000L;

    /** A clock the test moves by hand, installed in the element under test. */
    private static final class ManualClock {
        long now = 1_000 * MS;

        ManualClock(Harness h) {
            RatedSource.State s = ((RatedSource) h.element()).state();
            s.clock = () -> now;
            s.wallClockOffset = 0;
        }
    }

    @Test
    void defaultDataIsAValidUdpFrame() throws Exception {
        try (Harness h = Harness.element("RatedSource")) {
            ManualClock clock = new ManualClock(h);
            assertEquals(1, h.runTask("e"));
            byte[] f = h.outputBytes(0).getFirst();
            assertEquals(60, f.length);
            assertEquals(0x0800, ((f[12] & 0xFF) << 8) | (f[13] & 0xFF));
            assertEquals(0x45, f[14] & 0xFF);
            assertEquals(46, ((f[16] & 0xFF) << 8) | (f[17] & 0xFF), "IP total length");
            assertEquals(17, f[23], "UDP");
            assertEquals(0, Checksum.of(f, 14, 20), "IP header checksum");
            int pseudo = Checksum.pseudoHeader(Addresses.ip("10.0.0.1"), Addresses.ip("10.0.0.2"), 17, 26);
            assertEquals(0, Checksum.finish(Checksum.add(pseudo, f, 34, 26)), "UDP checksum");
            assertEquals(1234, ((f[34] & 0xFF) << 8) | (f[35] & 0xFF));
            assertEquals(5678, ((f[36] & 0xFF) << 8) | (f[37] & 0xFF));
            assertEquals(clock.now, h.output(0).getFirst().timestampNanos());
            assertEquals("60", Long.toString(((RatedSource) h.element()).bytesOut()));
        }
    }

    @Test
    void tokenBucketPacesTheSource() throws Exception {
        try (Harness h = Harness.element("RatedSource(RATE 1000)")) {
            ManualClock clock = new ManualClock(h);
            assertEquals(1, h.runTask("e"), "the bucket starts with one token");
            assertEquals(0, h.runTask("e"), "no time, no token: nothing, without waiting");
            clock.now += 5 * MS;
            assertEquals(5, h.runTask("e"));
            clock.now += MS / 2;
            assertEquals(0, h.runTask("e"));
            clock.now += MS / 2;
            assertEquals(1, h.runTask("e"), "half tokens add up");
            clock.now += 1000 * MS;
            assertEquals(10, h.runTask("e"), "the burst is 10 ms worth");
            assertEquals(17, h.count(0));
            assertEquals("17", h.read("count"));
        }
    }

    @Test
    void slowRatesKeepABurstOfTwo() throws Exception {
        try (Harness h = Harness.element("RatedSource(\\<01 02 03>, 10)")) {
            ManualClock clock = new ManualClock(h);
            assertEquals(1, h.runTask("e"));
            clock.now += 99 * MS;
            assertEquals(0, h.runTask("e"));
            clock.now += MS;
            assertEquals(1, h.runTask("e"));
            clock.now += 10_000 * MS;
            assertEquals(2, h.runTask("e"));
            assertArrayEquals(new byte[] {1, 2, 3}, h.outputBytes(0).getFirst());
        }
    }

    @Test
    void aBurstIsAtMostOneBatch() throws Exception {
        try (Harness h = Harness.element("RatedSource(RATE 1M)")) {
            ManualClock clock = new ManualClock(h);
            h.runTask("e");
            clock.now += 1000 * MS;
            assertEquals(32, h.runTask("e"));
        }
    }

    @Test
    void limitThenDoneAndStop() throws Exception {
        try (Harness h = Harness.element("RatedSource(RATE 1M, LIMIT 5, STOP true)")) {
            ManualClock clock = new ManualClock(h);
            assertEquals(1, h.runTask("e"));
            clock.now += 1000 * MS;
            assertEquals(4, h.runTask("e"));
            assertEquals(5, h.count(0));
            assertEquals(Task.DONE, h.runTask("e"));
            assertEquals("e: LIMIT reached (5 packets)", h.router().stopReason());
            assertEquals("5", h.read("count"));
            assertEquals("5", h.read("limit"));
        }
        try (Harness h = Harness.element("RatedSource(RATE 1M, LIMIT 0)")) {
            new ManualClock(h);
            assertEquals(Task.DONE, h.runTask("e"));
            assertEquals(0, h.count(0));
            assertNull(h.router().stopReason(), "no STOP, no stop");
        }
    }

    @Test
    void resetAllowsAnotherLimit() throws Exception {
        try (Harness h = Harness.element("RatedSource(RATE 1k, LIMIT 2)")) {
            ManualClock clock = new ManualClock(h);
            clock.now += 0;
            h.runTask("e");
            clock.now += 10 * MS;
            assertEquals(1, h.runTask("e"));
            assertEquals(Task.DONE, h.runTask("e"));
            h.write("reset", "");
            assertEquals("0", h.read("count"));
            assertEquals(1, h.runTask("e"), "one token after a reset, not a saved-up burst");
            h.write("limit", "-5");
            assertEquals("-1", h.read("limit"));
        }
    }

    @Test
    void activeSwitchesTheSourceOffAndOn() throws Exception {
        try (Harness h = Harness.element("RatedSource(RATE 1000, ACTIVE false)")) {
            ManualClock clock = new ManualClock(h);
            assertEquals(0, h.runTask("e"));
            clock.now += 50 * MS;
            assertEquals(0, h.runTask("e"));
            assertEquals("false", h.read("active"));
            h.write("active", "true");
            assertEquals(1, h.runTask("e"), "switched on with one token");
            clock.now += 3 * MS;
            assertEquals(3, h.runTask("e"));
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("active", "perhaps"));
            assertEquals("active: expected boolean, got 'perhaps'", e.getMessage());
        }
    }

    @Test
    void rateHandler() throws Exception {
        try (Harness h = Harness.element("RatedSource")) {
            ManualClock clock = new ManualClock(h);
            assertEquals("10", h.read("rate"));
            h.write("rate", "2.5k");
            assertEquals("2500", h.read("rate"));
            h.runTask("e");
            clock.now += 2 * MS;
            assertEquals(5, h.runTask("e"));
            h.write("rate", "0");
            clock.now += 100 * MS;
            assertEquals(0, h.runTask("e"));
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("rate", "fast"));
            assertEquals("rate: expected rate, got 'fast'", e.getMessage());
        }
    }

    @Test
    void zeroRateSendsNothing() throws Exception {
        try (Harness h = Harness.element("RatedSource(RATE 0)")) {
            ManualClock clock = new ManualClock(h);
            assertEquals(0, h.runTask("e"));
            clock.now += 100_000 * MS;
            assertEquals(0, h.runTask("e"));
        }
    }

    @Test
    void lengthAndDataHandlers() throws Exception {
        try (Harness h = Harness.element("RatedSource(\\<0102>, RATE 1M, LENGTH 5)")) {
            ManualClock clock = new ManualClock(h);
            h.runTask("e");
            assertArrayEquals(new byte[] {1, 2, 1, 2, 1}, h.outputBytes(0).get(0));
            assertEquals("\\<01 02>", h.read("data"));
            assertEquals("5", h.read("length"));
            h.write("length", "1");
            clock.now += MS;
            h.runTask("e");
            assertEquals(1, h.outputBytes(0).getLast().length);
            h.write("datasize", "-1");
            h.write("data", "\\<aa bb cc>");
            clock.now += MS;
            h.clearOutputs();
            h.runTask("e");
            assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC}, h.outputBytes(0).getLast());
            assertEquals("-1", h.read("datasize"));
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("length", "3000"));
            assertEquals("length: must be between -1 and 2048, got 3000", e.getMessage());
        }
    }

    @Test
    void bandwidthSetsTheRateFromThePacketLength() throws Exception {
        try (Harness h = Harness.element("RatedSource(LENGTH 100, BANDWIDTH 8kbps)")) {
            assertEquals("10", h.read("rate"));
        }
        try (Harness h = Harness.element("RatedSource(BANDWIDTH 1MB/s)")) {
            assertEquals("16666.6666667", h.read("rate"), "1e6 bytes/s of 60-byte frames");
        }
    }

    @Test
    void pulledItReturnsAPacketPerToken() throws Exception {
        try (Harness h = Harness.element("RatedSource(RATE 1000, LIMIT 3)")) {
            ManualClock clock = new ManualClock(h);
            RatedSource e = (RatedSource) h.element();
            List<Packet> got = new ArrayList<>();
            try {
                got.add(e.pull(0));
                assertNull(e.pull(0));
                clock.now += 2 * MS;
                got.add(e.pull(0));
                got.add(e.pull(0));
                clock.now += 2 * MS;
                assertNull(e.pull(0), "LIMIT reached");
                assertEquals(3, got.stream().filter(p -> p != null).count());
                assertEquals(3, e.packetsOut());
            } finally {
                got.forEach(p -> {
                    if (p != null) {
                        p.kill();
                    }
                });
            }
        }
    }

    @Test
    void poolExhaustionIsCountedAsDrops() throws Exception {
        try (Harness h = Harness.element("RatedSource(RATE 1000)")) {
            ManualClock clock = new ManualClock(h);
            h.runTask("e");
            clock.now += 20 * MS;
            List<Packet> hog = new ArrayList<>();
            try {
                for (Packet p; (p = PacketPool.alloc()) != null; ) {
                    hog.add(p);
                }
                assertEquals(0, h.runTask("e"));
            } finally {
                hog.forEach(Packet::kill);
            }
            assertEquals("10", h.read("drops"));
            assertEquals(10, ((RatedSource) h.element()).drops());
            assertEquals("1", h.read("count"));
            clock.now += 2 * MS;
            assertEquals(2, h.runTask("e"), "it recovers");
        }
    }

    @Test
    void configurationErrors() {
        assertEquals(List.of("RATE: expected rate, got 'quick'"), errors("RatedSource(RATE quick)"));
        assertEquals(List.of("LIMIT: expected integer, got 'lots'"), errors("RatedSource(LIMIT lots)"));
        assertEquals(List.of("LENGTH: cannot fill 10 bytes from empty DATA"), errors("RatedSource(\"\", LENGTH 10)"));
        assertEquals(List.of("LENGTH: must be between 0 and 2048, got 4000"), errors("RatedSource(LENGTH 4000)"));
        assertEquals(List.of("BANDWIDTH: missing unit (bps or Bps), got '1000'"), errors("RatedSource(BANDWIDTH 1000)"));
    }

    /** A real router: rate within a wide band (the machine is shared), LIMIT exact, STOP stops it. */
    @Test
    void runsAtItsRateInARouter() throws Exception {
        int before = PacketPool.inUse();
        Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("<test>",
                "src :: RatedSource(RATE 1000, LIMIT 500, STOP true) -> c :: AverageCounter -> Discard;", Map.of()));
        long start = System.nanoTime();
        r.start(1);
        boolean stopped = r.awaitStop(20, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        r.close();
        assertTrue(stopped);
        assertEquals("src: LIMIT reached (500 packets)", r.stopReason());
        assertEquals("500", r.read("src.count"));
        assertEquals("500", r.read("c.count"));
        assertEquals(500, r.sourcePackets());
        assertEquals(30_000, r.sourceBytes());
        double measured = Double.parseDouble(r.read("c.rate"));
        assertTrue(measured >= 500 && measured <= 1500, "AverageCounter rate " + measured);
        double overall = 500 / (elapsed / 1e9);
        assertTrue(overall >= 500 && overall <= 1500, "500 packets in " + elapsed / 1e6 + " ms");
        assertEquals(before, PacketPool.inUse(), "leaked packets");
    }
}
