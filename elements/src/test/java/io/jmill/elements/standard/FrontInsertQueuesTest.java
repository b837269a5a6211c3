package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** MixedQueue and FrontDropQueue: the queues that insert or drop at the front. */
class FrontInsertQueuesTest {

    private static byte[] one(int v) {
        return new byte[] {(byte) v};
    }

    private static int pulled(Harness h) {
        return h.pull(0).toByteArray()[0];
    }

    @Test
    void mixedQueueInputZeroIsFifoInputOneJumpsTheLineAndEvictsTheBack() throws Exception {
        try (Harness h = Harness.element("MixedQueue(5)", 2, 1)) {
            h.push(0, one(1));
            h.push(0, one(2));
            h.push(1, one(3));
            h.push(0, one(4));
            h.push(1, one(5));
            h.push(0, one(6)); // full: the newcomer on the FIFO input is dropped
            h.push(1, one(7)); // full: the back (4) makes room
            assertEquals("5", h.read("length"));
            assertEquals("2", h.read("drops"));
            for (int expected : new int[] {7, 5, 3, 1, 2}) {
                assertEquals(expected, pulled(h));
            }
            assertNull(h.pull(0));
        }
    }

    @Test
    void frontDropQueueKeepsTheNewestPackets() throws Exception {
        try (Harness h = Harness.element("FrontDropQueue(3)")) {
            for (int i = 1; i <= 5; i++) {
                h.push(0, one(i));
            }
            assertEquals("2", h.read("drops"));
            for (int expected : new int[] {3, 4, 5}) {
                assertEquals(expected, pulled(h));
            }
            assertNull(h.pull(0));
        }
    }

    @Test
    void aCapacityLoweredBelowTheLengthDropsBothTheEvictedAndTheNewPacketWithoutALeak() throws Exception {
        for (String decl : new String[] {"FrontDropQueue(4)", "MixedQueue(4)"}) {
            int front = decl.startsWith("Mixed") ? 1 : 0; // the input whose packets evict
            try (Harness h = Harness.element(decl, front + 1, 1)) {
                for (int i = 1; i <= 4; i++) {
                    h.push(0, one(i));
                }
                h.write("capacity", "2");
                h.push(front, one(9)); // one packet evicted, and still no room for 9
                assertEquals("2", h.read("drops"), decl);
                assertEquals("3", h.read("length"), decl);
                while (h.pull(0) != null) {
                    // drained; close() checks that nothing leaked
                }
            }
        }
    }

    @Test
    void capacityCanBeLoweredAndRaisedUpToTheConfiguredOne() throws Exception {
        try (Harness h = Harness.element("FrontDropQueue")) {
            assertEquals("1000", h.read("capacity"));
            h.write("capacity", "100");
            assertEquals("100", h.read("capacity"));
            assertThrows(HandlerException.class, () -> h.write("capacity", "2000"));
        }
    }
}
