package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlignTest {
    private static long address(Packet p) {
        return PacketMemory.ADDRESS + p.dataAddress();
    }

    @Test
    void movesTheDataToTheOffsetFromABoundaryWithItsHeaders() throws Exception {
        try (Harness h = Harness.element("Align(4, 2)")) {
            for (int strip = 0; strip < 8; strip++) {
                Packet p = Harness.packet(filled(60, strip));
                p.setMacHeader(0);
                p.setNetworkHeader(14, 20);
                p.pull(strip);
                h.push(0, p);
                Packet out = h.output(0).get(strip);
                assertEquals(2, address(out) % 4, "strip " + strip);
                assertEquals(-strip, out.macHeaderOffset());
                assertEquals(14 - strip, out.networkHeaderOffset());
                out.push(strip);
                assertArrayEquals(filled(60, strip), out.toByteArray(), "bytes before the data kept too");
                out.pull(strip);
            }
            assertEquals("6", h.read("moved"), "the two already at 2 mod 4 were not touched");
            assertEquals("0", h.read("drops"));
        }
    }

    @Test
    void movesBackWhenTheBufferHasNoRoomAfterTheData() throws Exception {
        try (Harness h = Harness.element("Align(8, 0)")) {
            Packet p = Harness.packet(filled(100, 1));
            p.pull(3);
            p.shiftData(p.tailroom()); // the data now ends at the buffer's end
            long misaligned = address(p) % 8;
            assertTrue(misaligned != 0);
            h.push(0, p);
            assertEquals(0, address(h.output(0).get(0)) % 8);
            assertEquals(misaligned, h.output(0).get(0).tailroom(), "moved back by its misalignment");
            assertEquals("1", h.read("moved"));
        }
    }

    @Test
    void dropsAndCountsAPacketThatFillsItsBuffer() throws Exception {
        try (Harness h = Harness.element("Align(8, 1)")) {
            Packet p = Harness.packet(filled(100, 2));
            p.shiftData(-p.headroom());
            p.put(p.tailroom()); // the whole buffer: no room to move either way
            assertEquals(PacketPool.BUFFER_SIZE, p.length());
            h.push(0, p);
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Align(3, 0)"));
        assertTrue(e.getMessage().contains("MODULUS must be 2, 4, or 8"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Align(4, 4)"));
        assertTrue(e.getMessage().contains("OFFSET must be smaller than MODULUS"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Align(4)"));
        assertTrue(e.getMessage().contains("OFFSET"), e.getMessage());
    }
}
