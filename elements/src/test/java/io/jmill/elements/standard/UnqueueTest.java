package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnqueueTest {
    private static final String GRAPH = "input -> q :: Queue -> u :: Unqueue(%s) -> output";

    private static Harness withQueued(String unqueueArgs, int packets) throws Exception {
        Harness h = Harness.graph(GRAPH.formatted(unqueueArgs), 1, 1);
        for (int i = 0; i < packets; i++) {
            h.push(0, filled(20, i));
        }
        return h;
    }

    @Test
    void defaultBurstIsTheRouterBatch() throws Exception {
        try (Harness h = withQueued("", 40)) {
            assertEquals(32, h.runTask("e/u"));
            assertEquals(8, h.runTask("e/u"));
            assertEquals(0, h.runTask("e/u"));
            assertEquals("40", h.read("e/u.count"));
            for (int i = 0; i < 40; i++) {
                assertArrayEquals(filled(20, i), h.outputBytes(0).get(i));
            }
        }
    }

    @Test
    void negativeBurstPullsUntilEmpty() throws Exception {
        try (Harness h = withQueued("-1", 100)) {
            assertEquals(100, h.runTask("e/u"));
            assertEquals("-1", h.read("e/u.burst"));
        }
    }

    @Test
    void limitStopsPullingUntilRaisedOrReset() throws Exception {
        try (Harness h = withQueued("BURST 2, LIMIT 3", 10)) {
            assertEquals(2, h.runTask("e/u"));
            assertEquals(1, h.runTask("e/u"));
            assertEquals(0, h.runTask("e/u"));
            h.write("e/u.limit", "5");
            assertEquals(2, h.runTask("e/u"));
            assertEquals(0, h.runTask("e/u"));
            h.write("e/u.reset", "");
            assertEquals("0", h.read("e/u.count"));
            h.write("e/u.burst", "10");
            assertEquals(5, h.runTask("e/u"));
            assertEquals("10", h.read("e/u.burst"));
            assertEquals(10, h.count(0));
        }
    }

    @Test
    void inactiveDoesNothing() throws Exception {
        try (Harness h = withQueued("ACTIVE false", 3)) {
            assertEquals(0, h.runTask("e/u"));
            assertEquals("false", h.read("e/u.active"));
            h.write("e/u.active", "true");
            assertEquals(3, h.runTask("e/u"));
        }
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.graph(GRAPH.formatted("x"), 1, 1));
        assertTrue(e.getMessage().contains("BURST: expected integer"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.graph(GRAPH.formatted("LIMIT"), 1, 1));
        assertTrue(e.getMessage().contains("LIMIT: missing value"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.graph("input -> Tee -> u :: Unqueue -> output", 1, 1));
        assertTrue(e.getMessage().contains("push output 0 connected to pull input 0"), e.getMessage());
    }
}
