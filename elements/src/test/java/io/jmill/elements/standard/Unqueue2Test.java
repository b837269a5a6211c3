package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Unqueue2Test {
    private static Harness queued(String graph, int packets) throws Exception {
        Harness h = Harness.graph(graph, 1, 1);
        for (int i = 0; i < packets; i++) {
            h.push(0, filled(20, i));
        }
        return h;
    }

    @Test
    void pullsOnlyAsManyAsTheDownstreamQueueHasRoomFor() throws Exception {
        try (Harness h = queued("input -> q0 :: Queue -> u :: Unqueue2(0, QUIET true) -> Counter -> q1 :: Queue(6) -> output", 10)) {
            h.write("e/q1.capacity", "3");
            assertEquals("e/q1\n", h.read("e/u.queues"));
            assertEquals(3, h.runTask("e/u"));
            assertEquals(0, h.runTask("e/u"), "q1 is full: nothing is pulled");
            assertEquals("7", h.read("e/q0.length"));
            assertEquals("0", h.read("e/q1.drops"));
            assertNotNull(h.pull(0));
            assertEquals(1, h.runTask("e/u"));
            h.write("e/q1.capacity", "6");
            assertEquals(3, h.runTask("e/u"));
            for (int i = 0; i < 6; i++) {
                assertNotNull(h.pull(0));
            }
            for (int i = 0; i < 7; i++) {
                assertArrayEquals(filled(20, i), h.outputBytes(0).get(i), "in order, none lost");
            }
            assertEquals("7 packets", h.read("e/u.packets"));
            assertEquals("0", h.read("e/q1.drops"));
        }
    }

    @Test
    void burstLimitsEachRunAndDefaultsToOne() throws Exception {
        try (Harness h = queued("input -> q0 :: Queue -> u :: Unqueue2(QUIET true) -> q1 :: Queue -> output", 5)) {
            assertEquals(1, h.runTask("e/u"));
            assertEquals(1, h.runTask("e/u"));
        }
        try (Harness h = queued("input -> q0 :: Queue -> u :: Unqueue2(2, QUIET true) -> q1 :: Queue(10) -> output", 5)) {
            assertEquals(2, h.runTask("e/u"));
            assertEquals(2, h.runTask("e/u"));
            assertEquals(1, h.runTask("e/u"));
            assertEquals(0, h.runTask("e/u"));
        }
    }

    @Test
    void theFullestOfSeveralQueuesDecides() throws Exception {
        String g = "input -> q0 :: Queue -> u :: Unqueue2(0, QUIET true) -> t :: Tee;"
                + " t[0] -> a :: Queue(4) -> output; t[1] -> b :: ThreadSafeQueue(2) -> Unqueue -> c :: Queue(1) -> Idle";
        try (Harness h = queued(g, 10)) {
            assertEquals("e/a\ne/b\n", h.read("e/u.queues"), "not past the first queue of a path");
            assertEquals(2, h.runTask("e/u"));
            assertEquals(0, h.runTask("e/u"));
        }
    }

    @Test
    void queuesKeywordNamesThemOrNone() throws Exception {
        String g = "input -> q0 :: Queue -> u :: Unqueue2(0, QUIET true, QUEUES %s) -> q1 :: Queue(2) -> output; Idle -> other :: Queue(5) -> Idle";
        try (Harness h = queued(g.formatted("other"), 10)) {
            assertEquals("e/other\n", h.read("e/u.queues"));
            assertEquals(5, h.runTask("e/u"), "room in 'other', q1 not checked: it drops");
            assertEquals("3", h.read("e/q1.drops"));
        }
        try (Harness h = queued(g.formatted("\"\""), 10)) {
            assertEquals("", h.read("e/u.queues"));
            assertEquals(10, h.runTask("e/u"));
        }
    }

    @Test
    void badArguments() {
        String g = "input -> q0 :: Queue -> u :: Unqueue2(%s) -> Discard; Idle -> c :: Counter -> Discard";
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.graph(g.formatted("-1, QUIET true"), 1, 0));
        assertTrue(e.getMessage().contains("BURST"), e.getMessage());
        Exception x = assertThrows(Exception.class, () -> Harness.graph(g.formatted("QUIET true, QUEUES c"), 1, 0));
        assertTrue(x.getMessage().contains("QUEUES: e/c (Counter) is not a queue"), x.getMessage());
        x = assertThrows(Exception.class, () -> Harness.graph(g.formatted("QUIET true, QUEUES nothere"), 1, 0));
        assertTrue(x.getMessage().contains("'nothere' does not name an element"), x.getMessage());
    }
}
