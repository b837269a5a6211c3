package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscardTest {

    @Test
    void pushedPacketsAreFreedAndCounted() throws Exception {
        try (Harness h = Harness.element("Discard")) {
            for (int i = 0; i < 3; i++) {
                h.push(0, seq(60));
            }
            assertEquals("3", h.read("count"));
            assertEquals(0, h.leaked());
            assertEquals(Task.DONE, h.runTask("e"), "nothing to schedule when pushed");
            h.write("reset_counts", "");
            assertEquals("0", h.read("count"));
            h.push(0, seq(10));
            h.write("reset", "");
            assertEquals("0", h.read("count"));
        }
    }

    @Test
    void pulledItIsATaskThatPullsABurstPerRun() throws Exception {
        try (Harness h = Harness.graph("input -> q :: Queue -> d :: Discard(BURST 2)", 1, 0)) {
            for (int i = 0; i < 5; i++) {
                h.push(0, seq(60));
            }
            assertEquals(2, h.runTask("e/d"));
            assertEquals(2, h.runTask("e/d"));
            assertEquals(1, h.runTask("e/d"));
            assertEquals(0, h.runTask("e/d"));
            assertEquals("5", h.read("e/d.count"));
            assertEquals("0", h.read("e/q.length"));
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void inactiveDoesNotPull() throws Exception {
        try (Harness h = Harness.graph("input -> q :: Queue -> d :: Discard(ACTIVE false)", 1, 0)) {
            h.push(0, seq(60));
            assertEquals(0, h.runTask("e/d"));
            assertEquals("1", h.read("e/q.length"));
            h.write("e/d.active", "true");
            assertEquals(1, h.runTask("e/d"));
            assertEquals("0", h.read("e/q.length"));
        }
    }

    @Test
    void defaultBurstIsTheRouterBatch() throws Exception {
        try (Harness h = Harness.graph("input -> q :: Queue -> d :: Discard", 1, 0)) {
            for (int i = 0; i < 40; i++) {
                h.push(0, seq(60));
            }
            assertEquals(32, h.runTask("e/d"));
            assertEquals(8, h.runTask("e/d"));
        }
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Discard(BURST 0)"));
        assertTrue(e.getMessage().contains("BURST: must be between 1 and"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Discard(3)"));
        assertTrue(e.getMessage().contains("too many arguments"), e.getMessage());
    }
}
