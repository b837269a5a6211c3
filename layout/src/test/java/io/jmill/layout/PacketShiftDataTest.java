package io.jmill.layout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketShiftDataTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i + 1);
        }
        return b;
    }

    @Test
    void dataHeadersAndAStrippedHeaderMoveTogether() {
        int before = PacketPool.inUse();
        Packet p = PacketPool.alloc(bytes(60));
        try {
            p.setMacHeader(0);
            p.setNetworkHeader(14, 20);
            p.pull(14); // the Ethernet header now lies before the data
            int off = p.dataOffset();
            for (int delta : new int[] {3, -5, 2}) {
                assertTrue(p.shiftData(delta));
                off += delta;
                assertEquals(off, p.dataOffset());
                assertEquals(46, p.length());
                assertEquals(-14, p.macHeaderOffset());
                assertEquals(0, p.networkHeaderOffset());
                assertEquals(20, p.transportHeaderOffset());
                assertEquals(1, p.u8(-14), "the stripped header's bytes moved too");
                assertTrue(p.push(14));
                assertArrayEquals(bytes(60), p.toByteArray());
                p.pull(14);
            }
        } finally {
            p.kill();
        }
        assertEquals(before, PacketPool.inUse());
    }

    @Test
    void refusesAMoveOutOfTheBuffer() {
        Packet p = PacketPool.alloc(bytes(10));
        try {
            assertFalse(p.shiftData(-p.headroom() - 1));
            assertFalse(p.shiftData(p.tailroom() + 1));
            assertTrue(p.shiftData(p.tailroom()));
            assertEquals(0, p.tailroom());
            assertArrayEquals(bytes(10), p.toByteArray());
            p.setMacHeader(-4);
            assertFalse(p.shiftData(-p.headroom() + 2), "the header before the data would leave the buffer");
            assertTrue(p.shiftData(-p.headroom() + 4));
            assertEquals(4, p.headroom());
            assertTrue(p.shiftData(0));
        } finally {
            p.kill();
        }
    }
}
