package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jmill.elements.standard.TestPackets.seq;
import static io.jmill.elements.standard.VLANEncapTest.errors;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rate, timing and shaping elements, on clocks the tests move by hand. */
class RateElementsTest {
    private static final long MS = 1_000_000L;

    /** A clock the test moves. */
    private static final class Clock {
        long now = 1_000 * MS;

        long read() {
            return now;
        }
    }

    private static void queue(Harness h, int n, int length) {
        for (int i = 0; i < n; i++) {
            h.push(0, seq(length));
        }
    }

    @Test
    void ratedUnqueueMovesOnePacketPerToken() throws Exception {
        try (Harness h = Harness.element("RatedUnqueue(1000)")) {
            Clock clock = new Clock();
            ((RatedUnqueue) h.element()).bucket().clock = clock::read;
            queue(h, 100, 60);
            assertEquals(0, h.runTask("e"), "the bucket starts empty");
            clock.now += 5 * MS;
            assertEquals(5, h.runTask("e"));
            clock.now += MS / 2;
            assertEquals(0, h.runTask("e"));
            clock.now += MS / 2;
            assertEquals(1, h.runTask("e"), "half tokens add up");
            clock.now += 1000 * MS;
            assertEquals(20, h.runTask("e"), "the bucket holds 20 ms worth");
            assertEquals(26, h.count(0));
            assertEquals("1000", h.read("rate"));
            h.write("rate", "10k");
            clock.now += 1000 * MS;
            assertEquals(32, h.runTask("e"), "200 tokens, at most BURST (the batch) per run");
            assertTrue(h.read("calls").contains("58 packets"), h.read("calls"));
            h.write("active", "false");
            clock.now += 1000 * MS;
            assertEquals(0, h.runTask("e"));
            h.clearOutputs();
        }
    }

    @Test
    void ratedUnqueueBurstKeywords() throws Exception {
        try (Harness h = Harness.element("RatedUnqueue(100, BURST_SIZE 3, BURST 2)")) {
            Clock clock = new Clock();
            ((RatedUnqueue) h.element()).bucket().clock = clock::read;
            queue(h, 10, 60);
            h.runTask("e");
            clock.now += 10_000 * MS;
            assertEquals(2, h.runTask("e"), "BURST per run");
            assertEquals(1, h.runTask("e"), "BURST_SIZE tokens in all");
            assertEquals(0, h.runTask("e"));
            h.clearOutputs();
        }
        assertEquals(List.of("cannot specify both BURST_DURATION and BURST_SIZE"),
                errors("RatedUnqueue(100, BURST_SIZE 3, BURST_DURATION 1s)"));
        assertTrue(errors("RatedUnqueue").getFirst().contains("RATE"), errors("RatedUnqueue").toString());
    }

    @Test
    void bandwidthRatedUnqueueSpendsBytes() throws Exception {
        // 8 kbps = 1000 bytes per second; the bucket holds 20 bytes.
        try (Harness h = Harness.element("BandwidthRatedUnqueue(8kbps, BURST 10)")) {
            Clock clock = new Clock();
            ((BandwidthRatedUnqueue) h.element()).bucket().clock = clock::read;
            queue(h, 10, 100);
            h.runTask("e");
            clock.now += 5 * MS;
            assertEquals(1, h.runTask("e"), "5 bytes allow one packet, which overdraws the bucket");
            clock.now += 95 * MS;
            assertEquals(0, h.runTask("e"), "the debt of 95 bytes is paid, nothing left over");
            clock.now += MS;
            assertEquals(1, h.runTask("e"));
            assertEquals("1000B/s", h.read("rate"));
            h.clearOutputs();
        }
    }

    @Test
    void timedUnqueueAndBursterPullABurstPerInterval() throws Exception {
        try (Harness h = Harness.element("TimedUnqueue(100ms, 3)")) {
            Clock clock = new Clock();
            ((TimedUnqueue) h.element()).period().clock = clock::read;
            queue(h, 10, 60);
            assertEquals(0, h.runTask("e"), "the first burst goes one INTERVAL after the start");
            clock.now += 99 * MS;
            assertEquals(0, h.runTask("e"));
            clock.now += MS;
            assertEquals(3, h.runTask("e"));
            assertEquals(0, h.runTask("e"));
            clock.now += 100 * MS;
            assertEquals(3, h.runTask("e"));
            assertEquals("0.1", h.read("interval"));
            assertEquals("6", h.read("count"));
            h.clearOutputs();
        }
        try (Harness h = Harness.element("Burster")) {
            Clock clock = new Clock();
            ((Burster) h.element()).period().clock = clock::read;
            queue(h, 10, 60);
            h.runTask("e");
            clock.now += 1000 * MS;
            assertEquals(8, h.runTask("e"), "Burster's defaults: 8 packets per second");
            h.clearOutputs();
        }
    }

    @Test
    void timedSourceSendsOnePacketPerInterval() throws Exception {
        try (Harness h = Harness.element("TimedSource(10ms, \\<0800>, LIMIT 2)")) {
            Clock clock = new Clock();
            ((TimedSource) h.element()).period().clock = clock::read;
            assertEquals(0, h.runTask("e"));
            clock.now += 10 * MS;
            assertEquals(1, h.runTask("e"));
            assertEquals(0, h.runTask("e"));
            clock.now += 10 * MS;
            assertEquals(1, h.runTask("e"));
            clock.now += 10 * MS;
            assertEquals(io.jmill.engine.runtime.Task.DONE, h.runTask("e"), "LIMIT reached");
            assertEquals(2, h.count(0));
            assertEquals(2, h.outputBytes(0).getFirst().length);
            assertEquals("\\<08 00>", h.read("data"));
            assertEquals("0.01", h.read("interval"));
        }
        try (Harness h = Harness.element("TimedSource")) {
            assertEquals("0.5", h.read("interval"));
            assertEquals(io.jmill.engine.handler.HandlerValues.unparseData(RatedSource.defaultFrame()), h.read("data"));
        }
    }

    @Test
    void timedSinkPullsOnePacketPerInterval() throws Exception {
        try (Harness h = Harness.element("TimedSink(1s)")) {
            Clock clock = new Clock();
            ((TimedSink) h.element()).period().clock = clock::read;
            queue(h, 3, 60);
            h.runTask("e");
            clock.now += 1000 * MS;
            assertEquals(1, h.runTask("e"));
            assertEquals(0, h.runTask("e"));
            assertEquals("1", h.read("count"));
        }
    }

    @Test
    void delayUnqueueHoldsPacketsUntilTheyAreDue() throws Exception {
        try (Harness h = Harness.element("DelayUnqueue(10ms)")) {
            Clock clock = new Clock();
            ((DelayUnqueue) h.element()).state().clock = clock::read;
            for (int i = 0; i < 3; i++) {
                var p = Harness.packet(seq(60));
                p.setTimestampNanos(clock.now + i * MS);
                h.push(0, p);
            }
            assertEquals(0, h.runTask("e"));
            clock.now += 10 * MS;
            assertEquals(1, h.runTask("e"));
            clock.now += 2 * MS;
            assertEquals(2, h.runTask("e"));
            assertEquals("0.01", h.read("delay"));
        }
        try (Harness h = Harness.element("DelayUnqueue(1s)")) {
            var p = Harness.packet(seq(60));
            p.setTimestampNanos(System.currentTimeMillis() * MS);
            h.push(0, p);
            assertEquals(0, h.runTask("e"));
            // closing frees the held packet (the harness checks for leaks)
        }
    }

    @Test
    void shaperReturnsPacketsAtTheRate() throws Exception {
        try (Harness h = Harness.graph("input -> s :: Shaper(1000) -> output", 1, 1)) {
            Clock clock = new Clock();
            ((Shaper) h.router().element("e/s")).bucket().clock = clock::read;
            queue(h, 10, 60);
            assertNotNull(h.pull(0), "the bucket starts with one token");
            assertNull(h.pull(0));
            clock.now += MS;
            assertNotNull(h.pull(0));
            assertNull(h.pull(0));
            clock.now += 100 * MS;
            assertNotNull(h.pull(0));
            assertNull(h.pull(0), "the bucket holds 1 ms worth: no burst");
        }
        try (Harness h = Harness.graph("input -> s :: BandwidthShaper(800kbps) -> output", 1, 1)) {
            Clock clock = new Clock();
            ((BandwidthShaper) h.router().element("e/s")).bucket().clock = clock::read;
            queue(h, 5, 200);
            assertNotNull(h.pull(0));
            assertNull(h.pull(0), "200 bytes overdrew the bucket");
            clock.now += MS;
            assertNull(h.pull(0), "100 kB/s: 1 ms pays 100 of the 199 bytes owed");
            clock.now += MS;
            assertNotNull(h.pull(0));
            assertEquals("100000B/s", h.read("e/s.rate"));
            assertEquals("800000bps", h.read("e/s.config"));
        }
    }

    @Test
    void ratedSplitterSendsTheExcessToOutput1() throws Exception {
        try (Harness h = Harness.element("RatedSplitter(1000)", 1, 2)) {
            Clock clock = new Clock();
            ((RatedSplitter) h.element()).bucket().clock = clock::read;
            queue(h, 12, 60);
            assertEquals(10, h.count(0), "the bucket starts full: 10 ms worth");
            assertEquals(2, h.count(1));
            clock.now += 1000 * MS;
            queue(h, 20, 60);
            assertEquals(20, h.count(0), "10 ms worth again, not more");
            assertEquals(12, h.count(1));
            h.write("rate", "5");
            assertEquals("5", h.read("rate"));
        }
        try (Harness h = Harness.element("BandwidthRatedSplitter(8kbps)", 1, 2)) {
            Clock clock = new Clock();
            ((BandwidthRatedSplitter) h.element()).bucket().clock = clock::read;
            queue(h, 1, 60);
            assertEquals(1, h.count(1), "a 60-byte packet needs 60 bytes of tokens");
            clock.now += 1000 * MS;
            queue(h, 2, 6);
            assertEquals(1, h.count(0), "10 ms of 1000 B/s: 10 bytes");
            assertEquals(2, h.count(1));
        }
    }

    @Test
    void meterSendsTheStreamWhereItsRateIs() throws Exception {
        try (Harness h = Harness.element("Meter(500, 2000)", 1, 3)) {
            Clock clock = new Clock();
            ((Meter) h.element()).state().clock = clock::read;
            // one packet per ms for 200 ms: 1000 packets per second
            for (int i = 0; i < 200; i++) {
                h.push(0, seq(60));
                clock.now += MS;
            }
            int slow = h.count(0);
            assertTrue(slow > 0 && h.count(1) > 0 && slow + h.count(1) == 200, slow + " " + h.count(1));
            assertEquals(0, h.count(2));
            h.clearOutputs();
            // 5 per ms: 5000 packets per second
            for (int i = 0; i < 1000; i++) {
                h.push(0, seq(60));
                clock.now += MS / 5;
            }
            assertTrue(h.count(2) > 900, h.count(0) + " " + h.count(1) + " " + h.count(2));
            long rate = Long.parseLong(h.read("rate"));
            assertTrue(rate > 4900 && rate <= 5000, "rate " + rate);
        }
        try (Harness h = Harness.element("BandwidthMeter(1Mbps)", 1, 2)) {
            Clock clock = new Clock();
            ((BandwidthMeter) h.element()).state().clock = clock::read;
            for (int i = 0; i < 1000; i++) {
                h.push(0, seq(1000));
                clock.now += MS / 2; // 2 MB/s = 16 Mbps
            }
            assertTrue(h.count(1) > 900, h.count(0) + " " + h.count(1));
            assertTrue(h.read("rate").endsWith("B/s"), h.read("rate"));
            h.clearOutputs();
        }
        assertTrue(errors("Meter(10, 5)").contains("rates must be in increasing order"), errors("Meter(10, 5)").toString());
        assertTrue(errors("Meter(10, 20)").contains("2 rates need 3 outputs, 2 connected"),
                errors("Meter(10, 20)").toString());
    }

    @Test
    void badRatesAreRefused() {
        assertTrue(errors("BandwidthShaper(1000)").getFirst().contains("missing unit"),
                errors("BandwidthShaper(1000)").toString());
        HandlerException e = assertThrows(HandlerException.class, () -> {
            try (Harness h = Harness.element("RatedUnqueue(10)")) {
                h.write("burst", "0");
            }
        });
        assertTrue(e.getMessage().startsWith("burst:"), e.getMessage());
    }

    /**
     * The first try: a rated unqueue in a running router, every packet through. A source
     * that never ends (a TimedSource of one packet per hour) keeps the router from stopping at
     * "end of input", so that the test waits for the count, however slowly the machine runs.
     */
    @Test
    void ratedAndTimedUnqueueRunInARouter() throws Exception {
        for (String unqueue : new String[] {"RatedUnqueue(1000000)", "TimedUnqueue(1ms, 100)",
                "BandwidthRatedUnqueue(1Gbps, BURST 32)"}) {
            int before = PacketPool.inUse();
            Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("t",
                    "InfiniteSource(LIMIT 2000) -> q :: Queue(4000); q -> u :: " + unqueue + " -> c :: Counter -> Discard;"
                            + " TimedSource(3600s) -> Discard;", Map.of()));
            try {
                r.start(1);
                for (int i = 0; i < 2000 && !r.read("c.count").equals("2000"); i++) {
                    Thread.sleep(10);
                }
            } finally {
                r.close();
            }
            assertEquals("2000", r.read("c.count"), unqueue);
            assertEquals(before, PacketPool.inUse(), "no packet leaked");
        }
    }
}
