package io.jmill.layout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Clones copy the active layout's metadata bytes and the packet's own data, and nothing of their neighbours. */
class PacketCloneTest {
    /** Every field of the layout with a distinct value, read back through the generic accessors. */
    private static long valueOf(MetadataField f) {
        long v = 0x0102030405060708L * (f.id() + 1);
        return f.size() == 8 ? v : v & ((1L << (8 * f.size())) - 1);
    }

    private static void checkFieldsSurviveAClone(MetadataLayout layout) {
        Packet p = PacketPool.alloc(new byte[] {9, 8, 7});
        for (MetadataField f : layout.fields()) {
            if (f != MetadataField.DATA_OFFSET && f != MetadataField.LENGTH) {
                p.setAnno(f, valueOf(f));
            }
        }
        Packet c = p.clone();
        assertNotNull(c);
        for (MetadataField f : layout.fields()) {
            assertEquals(p.anno(f), c.anno(f), layout + ": " + f);
        }
        assertArrayEquals(p.toByteArray(), c.toByteArray());
        p.kill();
        c.kill();
    }

    @Test
    void everyFieldOfTheGenericLayoutIsCopied() {
        checkFieldsSurviveAClone(MetadataLayout.generic());
        // generic: words 0-2 (line 0), 8-10 (Click's annotations), 16-18 (headers, device, timestamp),
        // and the named-annotation words that registered annotations occupy
        long words = MetadataLayout.generic().words(CloneFields.ALL);
        assertEquals(0b111_0000_0111_0000_0111L, words & ~0xF000L, Long.toBinaryString(words));
    }

    @Test
    void aSmallLayoutCopiesItsExtentOnly() {
        int before = PacketPool.inUse();
        MetadataLayout generic = MetadataLayout.generic();
        MetadataLayout small = MetadataLayout.builder("small").append(MetadataField.DATA_OFFSET)
                .append(MetadataField.LENGTH).append(MetadataField.PAINT).append(MetadataField.NETWORK_HEADER)
                .append(MetadataField.TRANSPORT_HEADER).build();
        assertEquals(0b11, small.words(CloneFields.ALL));
        // A slot used before holds stale bytes past the extent; what the layout has must be exact.
        Packet dirty = PacketPool.alloc(new byte[64]);
        for (int i = 0; i < PacketPool.METADATA_SIZE; i += 8) {
            Packet.writeField(dirty.slotBase() + i, 8, -1L);
        }
        dirty.kill();
        MetadataLayout.activate(small);
        try {
            Packet p = PacketPool.alloc(new byte[] {1, 2, 3, 4, 5});
            p.setPaint(7);
            p.setNetworkHeader(1, 4);
            Packet c = p.clone();
            assertEquals(5, c.length());
            assertEquals(7, c.paint());
            assertEquals(1, c.networkHeaderOffset());
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, c.toByteArray());
            p.kill();
            c.kill();
        } finally {
            MetadataLayout.activate(generic);
        }
        assertEquals(before, PacketPool.inUse());
    }

    @Test
    void aNarrowedSetCopiesOnlyItsFieldsUntilItsOwnerWidensIt() {
        Object router = new Object();
        Packet p = PacketPool.alloc(new byte[] {1, 2, 3});
        p.setPaint(5);
        p.setTimestampNanos(77);
        // The next slot handed out (the pool is last-in first-out) holds stale bytes.
        Packet dirty = PacketPool.alloc(new byte[64]);
        for (int i = 0; i < PacketPool.METADATA_SIZE; i += 8) {
            Packet.writeField(dirty.slotBase() + i, 8, -1L);
        }
        dirty.kill();
        CloneFields.narrow(router, 1L << MetadataField.PAINT.id());
        try {
            assertEquals(1L << MetadataField.PAINT.id(), CloneFields.fields());
            Packet c = p.clone();
            assertEquals(5, c.paint());
            assertEquals(3, c.length());
            assertArrayEquals(new byte[] {1, 2, 3}, c.toByteArray());
            assertEquals(-1L, c.timestampNanos(), "the timestamp is not copied: the slot's old bytes remain");
            c.kill();
        } finally {
            CloneFields.widen(router);
        }
        assertEquals(CloneFields.ALL, CloneFields.fields());
        Packet c = p.clone();
        assertEquals(77, c.timestampNanos(), "every field again");
        c.kill();
        p.kill();
    }

    @Test
    void everyLengthAndPlacementCopiesExactlyTheData() {
        for (int len : new int[] {0, 1, 7, 8, 9, 60, 63, 64, 65, 255, 256, 257, 1500, PacketPool.DATA_SIZE}) {
            for (int headroom : new int[] {0, 3, PacketPool.HEADROOM, PacketPool.BUFFER_SIZE - len}) {
                if (headroom + len > PacketPool.BUFFER_SIZE) {
                    continue;
                }
                byte[] data = new byte[len];
                for (int i = 0; i < len; i++) {
                    data[i] = (byte) (i * 31 + len);
                }
                Packet p = PacketPool.alloc();
                placeAt(p, headroom, data);
                Packet next = PacketPool.alloc(new byte[16]);
                long nextMeta = Packet.readField(next.slotBase(), 8);
                Packet c = p.clone();
                assertEquals(headroom, c.headroom(), "len " + len + " headroom " + headroom);
                assertArrayEquals(data, c.toByteArray(), "len " + len + " headroom " + headroom);
                assertEquals(nextMeta, Packet.readField(next.slotBase(), 8), "another slot's metadata was not touched");
                p.kill();
                c.kill();
                next.kill();
            }
        }
    }

    /** Sets {@code p} to hold {@code data} starting {@code headroom} bytes into its buffer. */
    private static void placeAt(Packet p, int headroom, byte[] data) {
        p.setDataOffset(headroom);
        p.setLength(data.length);
        p.copyIn(0, data, 0, data.length);
    }
}
