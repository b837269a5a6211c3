package io.jmill.elements.standard;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeSortedSchedTest {
    private static Packet at(long ts) {
        Packet p = Harness.packet(new byte[] {1, 2, 3});
        p.setTimestampNanos(ts);
        return p;
    }

    private static List<Long> drain(Harness h) {
        List<Long> out = new ArrayList<>();
        Packet p;
        while ((p = h.pull(0)) != null) {
            out.add(p.timestampNanos()); // the harness frees what it pulled when it closes
        }
        return out;
    }

    @Test
    void mergesSortedStreamsByTimestamp() throws Exception {
        try (Harness h = Harness.element("TimeSortedSched(STOP true)", 2, 1)) {
            for (long t : new long[] {1, 2, 10, 12}) {
                h.push(0, at(t));
            }
            for (long t : new long[] {3, 8, 9}) {
                h.push(1, at(t));
            }
            assertEquals(List.of(1L, 2L, 3L, 8L, 9L, 10L, 12L), drain(h));
            assertEquals("true", h.read("e.well_ordered"));
            assertTrue(h.router().stopping(), "STOP true: nothing left stops the router");
        }
    }

    @Test
    void anUnsortedStreamIsReportedAndABufferAbsorbsSmallDisorder() throws Exception {
        try (Harness h = Harness.element("TimeSortedSched", 1, 1)) {
            for (long t : new long[] {1, 5, 3}) {
                h.push(0, at(t));
            }
            assertEquals(List.of(1L, 5L, 3L), drain(h));
            assertEquals("false", h.read("e.well_ordered"));
            assertNull(h.pull(0));
        }
        try (Harness h = Harness.element("TimeSortedSched(BUFFER 2)", 1, 1)) {
            for (long t : new long[] {1, 5, 3}) {
                h.push(0, at(t));
            }
            assertEquals(List.of(1L, 3L, 5L), drain(h));
            assertEquals("true", h.read("e.well_ordered"));
        }
    }
}
