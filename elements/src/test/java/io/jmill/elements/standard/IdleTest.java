package io.jmill.elements.standard;

import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IdleTest {

    @Test
    void pushedPacketsAreFreedAndNothingComesOut() throws Exception {
        try (Harness h = Harness.element("Idle", 2, 2)) {
            h.push(0, seq(60));
            h.push(1, seq(60));
            assertEquals(0, h.count(0));
            assertEquals(0, h.count(1));
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void pulledItHasNothing() throws Exception {
        try (Harness h = Harness.graph("Idle -> u :: Unqueue -> output", 0, 1)) {
            assertEquals(0, h.runTask("e/u"));
            assertEquals(0, h.count(0));
        }
    }

    @Test
    void closesUnusedPorts() throws Exception {
        try (Harness h = Harness.graph("input -> Idle; Idle -> output", 1, 1)) {
            h.push(0, seq(60));
            assertEquals(0, h.count(0));
        }
    }
}
