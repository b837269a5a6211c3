package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NullTest {

    @Test
    void passesPushedPacketsUnchanged() throws Exception {
        try (Harness h = Harness.element("Null")) {
            Packet p = Harness.packet(seq(60));
            h.push(0, p);
            assertSame(p, h.output(0).get(0));
            assertArrayEquals(seq(60), h.outputBytes(0).get(0));
        }
    }

    @Test
    void passesPulledPacketsUnchanged() throws Exception {
        try (Harness h = Harness.graph("input -> Queue -> Null -> output", 1, 1)) {
            h.push(0, seq(33));
            assertArrayEquals(seq(33), h.pull(0).toByteArray());
            assertNull(h.pull(0));
        }
    }

    @Test
    void takesNoArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Null(1)"));
        assertTrue(e.getMessage().contains("too many arguments"), e.getMessage());
    }
}
