package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnstripTest {

    @Test
    void putsHeadroomBytesBackInFront() throws Exception {
        try (Harness h = Harness.element("Unstrip(4)")) {
            Packet p = Harness.packet(seq(10));
            p.pull(4);
            h.push(0, p);
            assertArrayEquals(seq(10), h.outputBytes(0).get(0));
            Packet q = Harness.packet(seq(10));
            h.push(0, q);
            byte[] out = h.outputBytes(0).get(1);
            assertEquals(14, out.length);
            assertArrayEquals(seq(10), Arrays.copyOfRange(out, 4, 14));
            assertEquals("0", h.read("drops"));
        }
    }

    @Test
    void packetsWithoutRoomAreDroppedAndCounted() throws Exception {
        try (Harness h = Harness.element("Unstrip(" + Packet.capacity() + ")")) {
            h.push(0, seq(100));
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("drops"));
            assertEquals(1, ((Unstrip) h.element()).drops());
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void badArgumentsNameLength() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Unstrip(x)"));
        assertTrue(e.getMessage().contains("LENGTH: expected integer, got 'x'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Unstrip"));
        assertTrue(e.getMessage().contains("missing mandatory LENGTH argument"), e.getMessage());
    }
}
