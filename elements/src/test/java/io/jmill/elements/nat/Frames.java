package io.jmill.elements.nat;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test frames (Ethernet + IPv4, no options) and independent checksum checks. */
final class Frames {
    static final int ETH = 14;
    static final int IP = ETH;
    static final int L4 = ETH + 20;

    private Frames() {
    }

    /** A packet holding {@code frame} with its network header annotation set after the Ethernet header. */
    static Packet ip(byte[] frame) {
        Packet p = Harness.packet(frame);
        p.setNetworkHeader(ETH, (frame[ETH] & 0xF) * 4);
        return p;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int u32(byte[] b, int at) {
        return (u16(b, at) << 16) | u16(b, at + 2);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    /** Recomputes the IP header checksum from scratch (field zeroed) and compares it with the stored one. */
    static void assertIpChecksum(byte[] f) {
        int ihl = (f[IP] & 0xF) * 4;
        byte[] copy = f.clone();
        put16(copy, IP + 10, 0);
        assertEquals(Checksum.of(copy, IP, ihl), u16(f, IP + 10), "IP header checksum");
    }

    /** Recomputes the TCP or UDP checksum from scratch and compares it (UDP: 0 means none, computed 0 is sent as FFFF). */
    static void assertL4Checksum(byte[] f) {
        int ihl = (f[IP] & 0xF) * 4;
        int l4 = IP + ihl;
        int proto = f[IP + 9] & 0xFF;
        int len = u16(f, IP + 2) - ihl;
        int at = proto == 6 ? l4 + 16 : l4 + 6;
        int stored = u16(f, at);
        if (proto == 17 && stored == 0) {
            return;
        }
        byte[] copy = f.clone();
        put16(copy, at, 0);
        int sum = Checksum.pseudoHeader(u32(f, IP + 12), u32(f, IP + 16), proto, len);
        int c = Checksum.finish(Checksum.add(sum, copy, l4, len));
        if (proto == 17 && c == 0) {
            c = 0xFFFF;
        }
        assertEquals(c, stored, (proto == 6 ? "TCP" : "UDP") + " checksum");
    }

    static void assertChecksums(byte[] f) {
        assertIpChecksum(f);
        assertL4Checksum(f);
    }
}
