package io.jmill.layout;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketTest {
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    @Test
    void withBoundsChecksADataAccessOutsideTheBufferThrows() {
        assertTrue(Packet.CHECK_BOUNDS, "the test JVMs run with -D" + Packet.CHECK_BOUNDS_PROPERTY + "=true");
        Packet p = PacketPool.alloc();
        try {
            p.setU32(PacketPool.DATA_SIZE - 4, 0x01020304); // the last bytes of the tailroom
            assertEquals(0x01020304, p.u32(PacketPool.DATA_SIZE - 4));
            assertEquals(0x0102, p.u16(PacketPool.DATA_SIZE - 4));
            p.setU8(-PacketPool.HEADROOM, 9); // the first byte of the headroom
            assertEquals(9, p.u8(-PacketPool.HEADROOM));
            var e = assertThrows(IndexOutOfBoundsException.class, () -> p.u16(PacketPool.DATA_SIZE - 1));
            assertTrue(e.getMessage().contains("2 bytes at offset " + (PacketPool.DATA_SIZE - 1)), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> p.u8(-PacketPool.HEADROOM - 1));
            assertThrows(IndexOutOfBoundsException.class, () -> p.setU64(Integer.MAX_VALUE, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> p.setU32(Integer.MIN_VALUE, 1));
        } finally {
            p.kill();
        }
    }

    @Test
    void freshPacketIsEmptyWithDefaultHeadroomAndClearMetadata() {
        Packet p = PacketPool.alloc();
        assertNotNull(p);
        assertEquals(0, p.length());
        assertEquals(PacketPool.HEADROOM, p.headroom());
        assertEquals(PacketPool.DATA_SIZE, p.tailroom());
        assertEquals(0, p.paint());
        assertEquals(0, p.dstIpAnno());
        assertFalse(p.hasMacHeader());
        assertFalse(p.hasNetworkHeader());
        assertFalse(p.hasTransportHeader());
        p.setPaint(7);
        p.setDstIpAnno(0x0A000001);
        p.kill();
        Packet q = PacketPool.alloc();
        assertEquals(0, q.paint(), "annotations are cleared on allocation");
        assertEquals(0, q.dstIpAnno());
        q.kill();
    }

    @Test
    void dataAccessorsAreBigEndian() {
        Packet p = PacketPool.alloc(new byte[16]);
        p.setU16(0, 0x0800);
        p.setU32(2, 0xC0A80001);
        p.setU64(6, 0x0102030405060708L);
        p.setU8(14, 0xFF);
        byte[] b = p.toByteArray();
        assertEquals(0x08, b[0]);
        assertEquals(0x00, b[1]);
        assertEquals((byte) 0xC0, b[2]);
        assertEquals((byte) 0x01, b[5]);
        assertEquals(0x01, b[6]);
        assertEquals(0x08, b[13]);
        assertEquals(0x0800, p.u16(0));
        assertEquals(0xC0A80001, p.u32(2));
        assertEquals(0x0102030405060708L, p.u64(6));
        assertEquals(0xFF, p.u8(14));
        p.kill();
    }

    @Test
    void pushPullPutTakeMoveTheBoundariesAsInClick() {
        Packet p = PacketPool.alloc(new byte[] {1, 2, 3, 4, 5, 6});
        p.pull(2);
        assertArrayEquals(new byte[] {3, 4, 5, 6}, p.toByteArray());
        assertEquals(PacketPool.HEADROOM + 2, p.headroom());
        assertTrue(p.push(2));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, p.toByteArray(), "push re-exposes the pulled bytes");
        p.take(1);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, p.toByteArray());
        assertTrue(p.put(1));
        assertEquals(6, p.length());
        p.pull(100);
        assertEquals(0, p.length(), "pull is clamped to the length");
        p.kill();
    }

    @Test
    void pushBeyondHeadroomMovesTheDataAndKeepsHeaders() {
        Packet p = PacketPool.alloc(new byte[] {9, 8, 7});
        p.setNetworkHeader(1, 2);
        assertTrue(p.push(PacketPool.HEADROOM + 10));
        assertEquals(PacketPool.HEADROOM + 13, p.length());
        assertEquals(9, p.u8(PacketPool.HEADROOM + 10));
        assertEquals(PacketPool.HEADROOM + 11, p.networkHeaderOffset());
        assertEquals(2, p.networkHeaderLength());
        assertFalse(p.push(PacketPool.BUFFER_SIZE), "no room: refused, packet unchanged");
        assertEquals(PacketPool.HEADROOM + 13, p.length());
        assertFalse(p.put(PacketPool.BUFFER_SIZE));
        p.kill();
    }

    @Test
    void headerOffsetsAreRelativeToTheDataAndSurvivePull() {
        Packet p = PacketPool.alloc(new byte[60]);
        p.setMacHeader(0);
        p.setNetworkHeader(14, 20);
        assertEquals(14, p.networkHeaderOffset());
        assertEquals(34, p.transportHeaderOffset());
        assertEquals(20, p.networkHeaderLength());
        p.pull(14);
        assertEquals(0, p.networkHeaderOffset());
        assertEquals(-14, p.macHeaderOffset());
        p.clearHeaders();
        assertFalse(p.hasNetworkHeader());
        p.kill();
    }

    @Test
    void cloneCopiesDataAndMetadataIndependently() {
        Packet p = PacketPool.alloc(new byte[] {1, 2, 3});
        p.setPaint(3);
        p.setTimestampNanos(123456789L);
        Packet c = p.clone();
        assertNotNull(c);
        assertNotSame(p, c);
        assertArrayEquals(p.toByteArray(), c.toByteArray());
        assertEquals(3, c.paint());
        assertEquals(123456789L, c.timestampNanos());
        c.setU8(0, 42);
        c.setPaint(4);
        assertEquals(1, p.u8(0), "a clone never shares data");
        assertEquals(3, p.paint());
        assertTrue(p.uniqueify() == p);
        p.kill();
        c.kill();
    }

    @Test
    void everyAnnotationRoundTrips() {
        Packet p = PacketPool.alloc();
        p.setPacketType(Packet.BROADCAST);
        p.setInputDevice(3);
        p.setInputQueue(5);
        p.setTimestampNanos(-2);
        p.setFirstTimestampNanos(77);
        p.setVlanTci(0xFFFF);
        p.setRssHash(0xDEADBEEF);
        p.setAggregate(11);
        p.setDstIpAnno(0x0A000001);
        p.setPaint(255);
        p.setIcmpParamProb(20);
        p.setFixIpSrc(true);
        p.setSequence(99);
        p.setFlowId(1234);
        assertEquals(Packet.BROADCAST, p.packetType());
        assertEquals(3, p.inputDevice());
        assertEquals(5, p.inputQueue());
        assertEquals(-2, p.timestampNanos());
        assertEquals(77, p.firstTimestampNanos());
        assertEquals(0xFFFF, p.vlanTci());
        assertEquals(0xDEADBEEF, p.rssHash());
        assertEquals(11, p.aggregate());
        assertEquals(0x0A000001, p.dstIpAnno());
        assertEquals(255, p.paint());
        assertEquals(20, p.icmpParamProb());
        assertTrue(p.fixIpSrc());
        assertEquals(99, p.sequence());
        assertEquals(1234, p.flowId());
        p.kill();
    }

    @Test
    void namedAnnotationsAreRegisteredOnceAndStored() {
        MetadataField f = MetadataField.register("test_mark", 4);
        assertTrue(f.isNamed());
        assertTrue(MetadataLayout.generic().contains(f));
        assertTrue(f == MetadataField.register("test_mark", 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetadataField.register("test_mark", 2));
        assertEquals("annotation 'test_mark' is already registered with size 4, not 2", e.getMessage());
        Packet p = PacketPool.alloc();
        p.setAnno(f, 0xCAFEBABEL);
        assertEquals(0xCAFEBABEL, p.anno(f));
        assertEquals(0, p.paint(), "a named annotation does not overlap the built-ins");
        p.kill();
    }

    @Test
    void doubleFreeIsDetected() {
        Packet p = PacketPool.alloc();
        p.kill();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::kill);
        assertTrue(e.getMessage().contains("freed twice"));
    }
}
