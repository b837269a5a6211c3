package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DiscardNoFreeTest {

    @Test
    void pushedPacketsStayOutOfThePoolUntilTheRouterStops() throws Exception {
        Harness h = Harness.element("DiscardNoFree");
        for (int i = 0; i < 3; i++) {
            h.push(0, seq(60));
        }
        assertEquals("3", h.read("count"));
        assertEquals("3", h.read("held"));
        assertEquals(3, h.leaked(), "not freed while the router runs");
        assertEquals(Task.DONE, h.runTask("e"), "nothing to schedule when pushed");
        h.close(); // fails if the packets were not given back when the router closed
        assertEquals(0, h.leaked());
        assertEquals("0", h.router().read("e.held"));
        assertEquals("3", h.router().read("e.count"));
    }

    @Test
    void pulledItIsATaskThatTakesOnePacketPerRun() throws Exception {
        try (Harness h = Harness.graph("input -> q :: Queue -> d :: DiscardNoFree", 1, 0)) {
            h.push(0, seq(60)).push(0, seq(60));
            assertEquals(1, h.runTask("e/d"));
            assertEquals(1, h.runTask("e/d"));
            assertEquals(0, h.runTask("e/d"));
            assertEquals("2", h.read("e/d.held"));
            assertEquals(2, h.leaked());
        }
    }

    @Test
    void takesNoArguments() {
        assertThrows(ConfigException.class, () -> Harness.element("DiscardNoFree(1)"));
    }
}
