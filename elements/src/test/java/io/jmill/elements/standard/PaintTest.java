package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaintTest {

    @Test
    void setsThePaintAnnotation() throws Exception {
        try (Harness h = Harness.element("Paint(7)")) {
            h.push(0, seq(60));
            assertEquals(7, h.output(0).get(0).paint());
            assertArrayEquals(seq(60), h.outputBytes(0).get(0));
            assertEquals("7", h.read("color"));
            h.write("color", "255");
            h.push(0, seq(60));
            assertEquals(255, h.output(0).get(1).paint());
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("color", "256"));
            assertEquals("color: must be between 0 and 255, got 256", e.getMessage());
        }
    }

    @Test
    void annoSelectsAnotherOneByteAnnotation() throws Exception {
        try (Harness h = Harness.element("Paint(5, ICMP_PARAM_PROB)")) {
            h.push(0, seq(60));
            assertEquals(5, h.output(0).get(0).icmpParamProb());
            assertEquals(0, h.output(0).get(0).paint());
        }
        for (String anno : new String[] {"PAINT", "paint", "\"PAINT\"", "ANNO PAINT"}) {
            try (Harness h = Harness.element("Paint(4, " + anno + ")")) {
                h.push(0, seq(10));
                assertEquals(4, h.output(0).get(0).paint(), anno);
            }
        }
    }

    @Test
    void paintsPulledPackets() throws Exception {
        try (Harness h = Harness.graph("input -> Queue -> Paint(2) -> output", 1, 1)) {
            h.push(0, seq(10));
            assertEquals(2, h.pull(0).paint());
        }
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Paint(256)"));
        assertTrue(e.getMessage().contains("COLOR: must be between 0 and 255, got 256"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Paint"));
        assertTrue(e.getMessage().contains("missing mandatory COLOR argument"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Paint(1, NOPE)"));
        assertTrue(e.getMessage().contains("ANNO: unknown annotation 'NOPE'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Paint(1, RSS_HASH)"));
        assertTrue(e.getMessage().contains("ANNO: annotation 'RSS_HASH' is 4 bytes, not 1"), e.getMessage());
    }
}
