package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StripTest {

    @Test
    void removesBytesFromTheFront() throws Exception {
        try (Harness h = Harness.element("Strip(14)")) {
            h.push(0, InfiniteSource.DEFAULT_DATA);
            assertArrayEquals(Arrays.copyOfRange(InfiniteSource.DEFAULT_DATA, 14, 60), h.outputBytes(0).get(0));
            assertEquals(128 + 14, h.output(0).get(0).headroom());
        }
    }

    @Test
    void shortPacketsBecomeEmpty() throws Exception {
        try (Harness h = Harness.element("Strip(100)")) {
            h.push(0, seq(60));
            assertEquals(0, h.output(0).get(0).length());
        }
    }

    @Test
    void stripThenUnstripRestoresThePacket() throws Exception {
        try (Harness h = Harness.graph("input -> Strip(14) -> Unstrip(14) -> output", 1, 1)) {
            h.push(0, seq(60));
            assertArrayEquals(seq(60), h.outputBytes(0).get(0));
        }
    }

    @Test
    void stripsPulledPackets() throws Exception {
        try (Harness h = Harness.graph("input -> Queue -> Strip(2) -> output", 1, 1)) {
            h.push(0, seq(5));
            assertArrayEquals(new byte[] {2, 3, 4}, h.pull(0).toByteArray());
        }
    }

    @Test
    void badArgumentsNameLength() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Strip(abc)"));
        assertTrue(e.getMessage().contains("LENGTH: expected integer, got 'abc'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Strip"));
        assertTrue(e.getMessage().contains("missing mandatory LENGTH argument"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Strip(-1)"));
        assertTrue(e.getMessage().contains("LENGTH: must be between 0 and"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Strip(1, 2)"));
        assertTrue(e.getMessage().contains("too many arguments"), e.getMessage());
    }
}
