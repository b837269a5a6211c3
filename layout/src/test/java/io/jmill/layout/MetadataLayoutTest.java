package io.jmill.layout;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataLayoutTest {
    @Test
    void genericLayoutHoldsEveryBuiltinWithoutOverlapOverSeveralCacheLines() {
        MetadataLayout g = MetadataLayout.generic();
        List<MetadataField> fields = g.fields();
        for (int i = 0; i < MetadataField.BUILTIN_COUNT; i++) {
            assertTrue(g.contains(MetadataField.byId(i)), MetadataField.byId(i).name());
        }
        for (int i = 1; i < fields.size(); i++) {
            MetadataField a = fields.get(i - 1);
            MetadataField b = fields.get(i);
            assertTrue(g.offset(a) + a.size() <= g.offset(b), a + " overlaps " + b);
        }
        MetadataField last = fields.getLast();
        assertTrue(g.offset(last) + last.size() <= PacketPool.METADATA_SIZE);
        assertEquals(3, g.cacheLines());
    }

    @Test
    void builderPacksAndRejectsOverlapsAndMissingEssentials() {
        MetadataLayout packed = MetadataLayout.builder("hot")
                .append(MetadataField.DATA_OFFSET).append(MetadataField.LENGTH).append(MetadataField.PAINT).build();
        assertEquals(0, packed.offset(MetadataField.DATA_OFFSET));
        assertEquals(4, packed.offset(MetadataField.LENGTH));
        assertEquals(8, packed.offset(MetadataField.PAINT));
        assertFalse(packed.contains(MetadataField.TIMESTAMP));
        assertEquals(1, packed.cacheLines());
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> MetadataLayout.builder("x")
                .place(MetadataField.LENGTH, 0).place(MetadataField.PAINT, 2));
        assertEquals("paint at 2 overlaps length at 0", overlap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetadataLayout.builder("y").append(MetadataField.PAINT).build());
        assertThrows(IllegalArgumentException.class, () -> MetadataLayout.builder("z").place(MetadataField.LENGTH, 2));
    }

    @Test
    void activatingALayoutAfterConvertingKeepsEveryValue() {
        int before = PacketPool.inUse();
        MetadataLayout generic = MetadataLayout.generic();
        MetadataLayout.Builder b = MetadataLayout.builder("reversed");
        List<MetadataField> fields = generic.fields();
        for (int i = fields.size() - 1; i >= 0; i--) {
            b.append(fields.get(i));
        }
        MetadataLayout reversed = b.build();
        Packet p = PacketPool.alloc(new byte[] {1, 2, 3, 4});
        p.setPaint(9);
        p.setTimestampNanos(555);
        p.setNetworkHeader(1, 2);
        try {
            MetadataLayout.convert(p.slotBase(), generic, reversed);
            MetadataLayout.activate(reversed);
            assertEquals(4, p.length());
            assertEquals(9, p.paint());
            assertEquals(555, p.timestampNanos());
            assertEquals(1, p.networkHeaderOffset());
            assertEquals(3, p.u8(2));
        } finally {
            MetadataLayout.convert(p.slotBase(), reversed, generic);
            MetadataLayout.activate(generic);
        }
        assertEquals(9, p.paint());
        p.kill();
        assertEquals(before, PacketPool.inUse());
    }
}
