package io.jmill.elements.standard;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jmill.elements.standard.VLANEncapTest.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AverageCounter on a substituted clock, and SetTimestamp. */
class AverageCounterTest {
    private static final byte[] FRAME = FrameBuilder.udp().frameLength(60).build();
    private static final long S = 1_000_000_000L;

    /** Pushes one 60-byte frame at each time (nanoseconds on the element's clock). */
    private static void pushAt(Harness h, long... times) {
        AverageCounter.State s = ((AverageCounter) h.element()).state();
        long[] now = new long[1];
        s.clock = () -> now[0];
        for (long t : times) {
            now[0] = t;
            h.push(0, FRAME);
        }
    }

    @Test
    void averagesOverTheTimeBetweenFirstAndLastPacket() throws Exception {
        try (Harness h = Harness.element("AverageCounter")) {
            assertEquals("0", h.read("count"));
            assertEquals("0", h.read("time"));
            assertEquals("0", h.read("rate"));
            // 6 packets from t = 1 s to t = 1.5 s.
            pushAt(h, S, 11 * S / 10, 12 * S / 10, 13 * S / 10, 14 * S / 10, 15 * S / 10);
            assertEquals(6, h.count(0), "packets pass unchanged");
            assertEquals("6", h.read("count"));
            assertEquals("360", h.read("byte_count"));
            assertEquals("2880", h.read("bit_count"));
            assertEquals("0.5", h.read("time"));
            assertEquals("12", h.read("rate"));
            assertEquals("720", h.read("byte_rate"));
            assertEquals("5760", h.read("bit_rate"));
        }
    }

    @Test
    void oneArrivalTimeGivesNoRate() throws Exception {
        try (Harness h = Harness.element("AverageCounter")) {
            pushAt(h, 5 * S, 5 * S);
            assertEquals("2", h.read("count"));
            assertEquals("0", h.read("time"));
            assertEquals("0", h.read("rate"));
            assertEquals("0", h.read("byte_rate"));
        }
    }

    @Test
    void ratesArePrintedWithTwelveSignificantDigits() throws Exception {
        try (Harness h = Harness.element("AverageCounter")) {
            pushAt(h, 0, 300_000_000L);
            assertEquals("0.3", h.read("time"));
            assertEquals("6.66666666667", h.read("rate"));
            assertEquals("400", h.read("byte_rate"));
        }
    }

    @Test
    void ignoreSkipsTheFirstSeconds() throws Exception {
        for (String decl : List.of("AverageCounter(1)", "AverageCounter(IGNORE 1000ms)")) {
            try (Harness h = Harness.element(decl)) {
                // First packet at t = 10 s; those before t = 11 s are not counted.
                pushAt(h, 10 * S, 10 * S + S / 2, 11 * S, 11 * S + S / 2, 12 * S);
                assertEquals(5, h.count(0), decl);
                assertEquals("3", h.read("count"), decl);
                assertEquals("180", h.read("byte_count"), decl);
                assertEquals("1", h.read("time"), decl);
                assertEquals("3", h.read("rate"), decl);
            }
        }
    }

    @Test
    void resetForgetsEverything() throws Exception {
        try (Harness h = Harness.element("AverageCounter")) {
            pushAt(h, 0, S);
            assertEquals("2", h.read("rate"));
            h.write("reset", "");
            assertEquals("0", h.read("count"));
            assertEquals("0", h.read("byte_count"));
            assertEquals("0", h.read("time"));
            // The next packet is the first again: t = 100 s to 104 s, 5 packets.
            pushAt(h, 100 * S, 101 * S, 102 * S, 103 * S, 104 * S);
            assertEquals("4", h.read("time"));
            assertEquals("1.25", h.read("rate"));
            h.write("reset_now", "");
            assertEquals("0", h.read("count"));
        }
    }

    @Test
    void badIgnore() {
        assertEquals(List.of("IGNORE: expected duration, got 'soon'"), errors("AverageCounter(soon)"));
    }

    // ------------------------------------------------------------------ SetTimestamp

    @Test
    void setTimestampFixedValue() throws Exception {
        try (Harness h = Harness.element("SetTimestamp(1000.5)")) {
            h.push(0, FRAME);
            Packet p = h.output(0).getFirst();
            assertEquals(1_000_500_000_000L, p.timestampNanos());
            assertEquals(0, p.firstTimestampNanos());
        }
        try (Harness h = Harness.element("SetTimestamp(1000.000000001, FIRST true)")) {
            h.push(0, FRAME);
            Packet p = h.output(0).getFirst();
            assertEquals(1_000_000_000_001L, p.firstTimestampNanos());
            assertEquals(0, p.timestampNanos());
        }
    }

    @Test
    void setTimestampNowIsWallClockAndMonotonic() throws Exception {
        try (Harness h = Harness.element("SetTimestamp")) {
            long before = System.currentTimeMillis() * 1_000_000L;
            h.push(0, FRAME);
            h.push(0, FRAME);
            long after = System.currentTimeMillis() * 1_000_000L;
            long t0 = h.output(0).get(0).timestampNanos();
            long t1 = h.output(0).get(1).timestampNanos();
            long slack = 20_000_000L; // the millisecond clock and the anchor's rounding
            assertTrue(t0 >= before - slack && t0 <= after + slack, t0 + " not in [" + before + ", " + after + "]");
            assertTrue(t1 >= t0);
        }
        try (Harness h = Harness.element("SetTimestamp(FIRST true)")) {
            h.push(0, FRAME);
            Packet p = h.output(0).getFirst();
            assertTrue(p.firstTimestampNanos() > 1_600_000_000L * S);
            assertEquals(0, p.timestampNanos());
        }
    }

    @Test
    void setTimestampFeedsAverageCounterThroughTheGraph() throws Exception {
        try (Harness h = Harness.graph("input -> SetTimestamp(5) -> c :: AverageCounter -> output;", 1, 1)) {
            h.push(0, FRAME);
            assertEquals(5 * S, h.output(0).getFirst().timestampNanos());
            assertEquals("1", h.read("e/c.count"));
        }
    }

    @Test
    void setTimestampErrors() {
        assertEquals(List.of("TIMESTAMP: expected duration, got 'noon'"), errors("SetTimestamp(noon)"));
        assertEquals(List.of("SetTimestamp(DELTA) is deprecated, use SetTimestampDelta(TYPE FIRST)"),
                errors("SetTimestamp(DELTA true)"));
    }
}
