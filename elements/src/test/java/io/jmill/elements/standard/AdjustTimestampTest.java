package io.jmill.elements.standard;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdjustTimestampTest {
    private static Packet at(long ts) {
        Packet p = Harness.packet(new byte[] {1});
        p.setTimestampNanos(ts);
        return p;
    }

    @Test
    void addsASignedTimeButLeavesZeroTimestampsUnlessAll() throws Exception {
        try (Harness h = Harness.element("AdjustTimestamp(-1)")) {
            h.push(0, at(100_000_000L));
            h.push(0, at(0));
            assertEquals(-900_000_000L, h.output(0).get(0).timestampNanos());
            assertEquals(0, h.output(0).get(1).timestampNanos());
        }
        try (Harness h = Harness.element("AdjustTimestamp(+250ms, ALL true)")) {
            h.push(0, at(0));
            assertEquals(250_000_000L, h.output(0).get(0).timestampNanos());
            h.write("e.time", "-2");
            assertEquals("-2", h.read("e.time"));
            h.push(0, at(3_000_000_000L));
            assertEquals(1_000_000_000L, h.output(0).get(1).timestampNanos());
        }
    }

    @Test
    void firstAdjustsTheFirstTimestampAndBadTimesAreRefused() throws Exception {
        try (Harness h = Harness.element("AdjustTimestamp(1.5, FIRST true)")) {
            Packet p = at(7);
            p.setFirstTimestampNanos(1_000_000_000L);
            h.push(0, p);
            assertEquals(2_500_000_000L, h.output(0).get(0).firstTimestampNanos());
            assertEquals(7, h.output(0).get(0).timestampNanos());
        }
        assertThrows(Exception.class, () -> Harness.element("AdjustTimestamp(soon)").close());
    }
}
