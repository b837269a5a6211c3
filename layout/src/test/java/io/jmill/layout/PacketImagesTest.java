package io.jmill.layout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images of kept packets clone to what the packets themselves clone to, in the layout they were made in. */
class PacketImagesTest {
    private static Packet packet(int length, int paint, int headroomCut) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 7 + length);
        }
        Packet p = PacketPool.alloc(data);
        p.pull(headroomCut); // a data offset other than the default
        p.setPaint(paint);
        p.setDstIpAnno(0x0A000000 + length);
        p.setTimestampNanos(1000L * length);
        p.setNetworkHeader(0, 20);
        return p;
    }

    private static void assertSameClone(Packet expected, Packet actual) {
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
        assertEquals(expected.dataOffset(), actual.dataOffset());
        for (MetadataField f : MetadataLayout.active().fields()) {
            assertEquals(expected.anno(f), actual.anno(f), f.toString());
        }
    }

    @Test
    void anImageClonesLikeItsPacketForEverySizeAndAbsentPackets() {
        int before = PacketPool.inUse();
        int[] lengths = {1, 7, 8, 60, 64, 255, 256, 257, 1500};
        Packet[] kept = new Packet[lengths.length + 1];
        for (int i = 0; i < lengths.length; i++) {
            kept[i] = packet(lengths[i], i + 1, i % 3);
        }
        kept[lengths.length] = null; // given away: no image
        PacketImages images = new PacketImages();
        assertFalse(images.isCurrent());
        images.make(kept, kept.length);
        assertTrue(images.isCurrent());
        assertEquals(kept.length, images.size());
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < lengths.length; i++) {
                Packet fromPacket = kept[i].clone();
                Packet fromImage = images.clone(i);
                assertSameClone(fromPacket, fromImage);
                fromPacket.kill();
                fromImage.kill();
            }
        }
        images.clear();
        assertFalse(images.isCurrent());
        for (int i = 0; i < lengths.length; i++) {
            kept[i].kill();
        }
        assertEquals(before, PacketPool.inUse());
    }

    @Test
    void imagesOfAnotherLayoutAreNotCurrent() {
        Packet p = packet(60, 3, 0);
        PacketImages images = new PacketImages();
        images.make(new Packet[] {p}, 1);
        MetadataLayout generic = MetadataLayout.generic();
        MetadataLayout small = MetadataLayout.builder("images-small").append(MetadataField.DATA_OFFSET)
                .append(MetadataField.LENGTH).append(MetadataField.PAINT).build();
        MetadataLayout.activate(small);
        try {
            assertFalse(images.isCurrent(), "made in the generic layout");
        } finally {
            MetadataLayout.activate(generic);
        }
        assertTrue(images.isCurrent());
        p.kill();
    }
}
