package io.jmill.elements.ip;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

/** DropBroadcasts and FixIPSrc. */
class SimpleIpElementsTest {
    private static final int IP = ETH;

    private static Packet typed(byte[] b, int type) {
        Packet p = Harness.packet(b);
        p.setPacketType(type);
        return p;
    }

    @Test
    void dropBroadcastsDropsLinkBroadcastAndMulticast() throws Exception {
        byte[] f = udp().build();
        try (Harness h = Harness.element("DropBroadcasts", 1, 2)) {
            h.push(0, typed(f, Packet.HOST)).push(0, typed(f, Packet.BROADCAST)).push(0, typed(f, Packet.MULTICAST))
                    .push(0, typed(f, Packet.OTHERHOST));
            assertEquals(2, h.count(0));
            assertEquals(Packet.HOST, h.output(0).get(0).packetType());
            assertEquals(Packet.OTHERHOST, h.output(0).get(1).packetType());
            assertEquals(2, h.count(1));
            assertEquals("2", h.read("drops"));
        }
        try (Harness h = Harness.element("DropBroadcasts")) {
            h.push(0, typed(f, Packet.BROADCAST));
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void fixIPSrcRewritesOnlyAnnotatedPackets() throws Exception {
        byte[] f = udp().ipOptions(new byte[] {1, 1, 1, 0}).build();
        byte[] expected = f.clone();
        put32(expected, IP + 12, 0xC0A80001);
        fixIpChecksum(expected, IP);
        try (Harness h = Harness.element("FixIPSrc(192.168.0.1)")) {
            Packet a = marked(f, IP);
            a.setFixIpSrc(true);
            h.push(0, a);
            h.push(0, marked(f, IP));
            Packet out = h.output(0).get(0);
            assertArrayEquals(expected, out.toByteArray());
            assertFalse(out.fixIpSrc(), "annotation cleared");
            assertIpChecksumValid(out.toByteArray(), IP);
            assertArrayEquals(f, h.outputBytes(0).get(1), "not annotated: unchanged");
        }
    }

    @Test
    void fixIPSrcWithoutAUsableHeader() throws Exception {
        byte[] f = udp().build();
        try (Harness h = Harness.element("FixIPSrc(192.168.0.1)")) {
            Packet noHeader = Harness.packet(f);
            noHeader.setFixIpSrc(true);
            Packet cut = marked(java.util.Arrays.copyOf(f, IP + 16), IP);
            cut.setFixIpSrc(true);
            h.push(0, noHeader).push(0, cut);
            assertArrayEquals(f, h.outputBytes(0).get(0));
            assertTrue(h.output(0).get(0).fixIpSrc(), "no network header: left alone, as in Click");
            assertEquals(IP + 16, h.outputBytes(0).get(1).length);
            assertFalse(h.output(0).get(1).fixIpSrc());
        }
    }

    @Test
    void fixIPSrcNeedsAnAddress() {
        assertEquals("missing mandatory IPADDR argument", configError("FixIPSrc"));
        assertEquals("IPADDR: expected IPv4 address, got '1.2.3'", configError("FixIPSrc(1.2.3)"));
    }
}
