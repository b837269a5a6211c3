package io.jmill.elements.standard;

import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** StoreData and MoveData. */
class PacketDataEditTest {
    private static String through(String decl, String in) throws Exception {
        try (Harness h = Harness.element(decl)) {
            h.push(0, in.getBytes(StandardCharsets.ISO_8859_1));
            return new String(h.outputBytes(0).getFirst(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void storeDataWritesWhatFitsOrGrowsThePacket() throws Exception {
        assertEquals("BAAA", through("StoreData(0, B)", "AAAA"));
        assertEquals("ACCD", through("StoreData(3, DD)", "ACCA"), "cut at the end without GROW");
        assertEquals("ACCEE", through("StoreData(3, EE, GROW true)", "ACCA"));
        assertEquals("AAAA", through("StoreData(20, G)", "AAAA"), "offset past the end: unchanged");
    }

    @Test
    void storeDataMaskChangesOnlyItsBits() throws Exception {
        try (Harness h = Harness.element("StoreData(0, \\<FF FF FF>, MASK \\<01 02>, GROW true)")) {
            h.push(0, new byte[] {0x10, 0x10});
            assertArrayEquals(new byte[] {0x11, 0x12, (byte) 0xFF}, h.outputBytes(0).getFirst(),
                    "masked bytes keep their other bits; bytes past the mask are stored whole");
        }
    }

    @Test
    void moveDataCopiesWithinThePacket() throws Exception {
        assertEquals("ABAB", through("MoveData(SRC_OFFSET 0, DST_OFFSET 2, LENGTH 2)", "ABCD"));
        assertEquals("ABCDBC", through("MoveData(4, 1, 2, true)", "ABCD"));
        assertEquals("ABCD", through("MoveData(4, 1, 2)", "ABCD"), "no room and no GROW: unchanged");
        assertEquals("ABCD", through("MoveData(0, 60, 2, true)", "ABCD"), "source outside: unchanged");
    }
}
