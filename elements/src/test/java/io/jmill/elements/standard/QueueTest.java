package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.filled;
import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueTest {

    @Test
    void storesAndHandsOutInFifoOrder() throws Exception {
        try (Harness h = Harness.element("Queue")) {
            for (int i = 1; i <= 3; i++) {
                h.push(0, filled(10 * i, i));
            }
            assertEquals("3", h.read("length"));
            assertEquals("3", h.read("highwater_length"));
            assertEquals("1000", h.read("capacity"));
            for (int i = 1; i <= 3; i++) {
                assertArrayEquals(filled(10 * i, i), h.pull(0).toByteArray());
            }
            assertNull(h.pull(0));
            assertEquals("0", h.read("length"));
            assertEquals("3", h.read("highwater_length"));
        }
    }

    @Test
    void highwaterIsExactAfterPulls() throws Exception {
        try (Harness h = Harness.element("Queue")) {
            for (int round = 0; round < 5; round++) {
                h.push(0, seq(1));
                h.push(0, seq(2));
                h.pull(0);
                h.pull(0);
            }
            assertEquals("2", h.read("highwater_length"));
        }
    }

    @Test
    void dropsWhenFull() throws Exception {
        try (Harness h = Harness.element("Queue(2)")) {
            h.push(0, filled(5, 1));
            h.push(0, filled(5, 2));
            h.push(0, filled(5, 3));
            assertEquals("2", h.read("length"));
            assertEquals("1", h.read("drops"));
            assertEquals(1, ((Queue) h.element()).drops());
            assertEquals(2, h.leaked(), "the dropped packet was freed");
            assertArrayEquals(filled(5, 1), h.pull(0).toByteArray());
            assertArrayEquals(filled(5, 2), h.pull(0).toByteArray());
            h.write("reset_counts", "");
            assertEquals("0", h.read("drops"));
            assertEquals("0", h.read("highwater_length"));
        }
    }

    @Test
    void droppedPacketsGoToOutputOneIfConnected() throws Exception {
        try (Harness h = Harness.element("Queue(1)", 1, 2)) {
            h.push(0, filled(5, 1));
            h.push(0, filled(5, 2));
            assertEquals(1, h.count(1));
            assertArrayEquals(filled(5, 2), h.outputBytes(1).get(0));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void capacityCanBeChangedWithinTheRing() throws Exception {
        try (Harness h = Harness.element("Queue(1000)")) {
            h.push(0, seq(1));
            h.push(0, seq(2));
            h.write("capacity", "1");
            assertEquals("1", h.read("capacity"));
            h.push(0, seq(3));
            assertEquals("2", h.read("length"), "packets above the new capacity are kept");
            assertEquals("1", h.read("drops"));
            h.write("capacity", "1024");
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("capacity", "1025"));
            assertTrue(e.getMessage().startsWith("capacity: at most 1024"), e.getMessage());
            e = assertThrows(HandlerException.class, () -> h.write("capacity", "0"));
            assertTrue(e.getMessage().startsWith("capacity: must be between 1"), e.getMessage());
        }
    }

    @Test
    void resetFreesEveryQueuedPacketAtTheNextPull() throws Exception {
        try (Harness h = Harness.element("Queue")) {
            for (int i = 0; i < 3; i++) {
                h.push(0, seq(60));
            }
            h.write("reset", "");
            assertNull(h.pull(0));
            assertEquals("0", h.read("length"));
            assertEquals(0, h.leaked());
            h.push(0, seq(7));
            assertArrayEquals(seq(7), h.pull(0).toByteArray());
        }
    }

    @Test
    void cleanupFreesQueuedPackets() throws Exception {
        Harness h = Harness.element("Queue");
        for (int i = 0; i < 5; i++) {
            h.push(0, seq(60));
        }
        assertEquals(5, h.leaked());
        h.close(); // fails if the five packets were not freed
    }

    @Test
    void simpleQueueIsTheSameElement() throws Exception {
        try (Harness h = Harness.element("SimpleQueue(5)")) {
            h.push(0, seq(4));
            assertEquals("5", h.read("capacity"));
            assertArrayEquals(seq(4), h.pull(0).toByteArray());
            assertEquals("SimpleQueue", h.read("class"));
        }
    }

    @Test
    void unqueueMovesQueuedPacketsInBursts() throws Exception {
        try (Harness h = Harness.graph("input -> q :: Queue(10) -> u :: Unqueue(4) -> output", 1, 1)) {
            for (int i = 0; i < 12; i++) {
                h.push(0, filled(8, i));
            }
            assertEquals("2", h.read("e/q.drops"));
            assertEquals(4, h.runTask("e/u"));
            assertEquals(4, h.runTask("e/u"));
            assertEquals(2, h.runTask("e/u"));
            assertEquals(0, h.runTask("e/u"));
            assertEquals(10, h.count(0));
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(filled(8, i), h.outputBytes(0).get(i));
            }
        }
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Queue(0)"));
        assertTrue(e.getMessage().contains("CAPACITY: must be between 1 and"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Queue(big)"));
        assertTrue(e.getMessage().contains("CAPACITY: expected integer"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.graph("input -> Queue -> Tee -> output", 1, 1));
        assertTrue(e.getMessage().contains("pull output 0 connected to push input 0"), e.getMessage());
    }
}
