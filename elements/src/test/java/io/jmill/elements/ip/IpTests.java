package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte helpers for the IP element tests: offsets are absolute in the array. */
final class IpTests {
    static final int ETH = 14;

    private IpTests() {
    }

    /** The IP packet of an Ethernet frame (the frame without its 14-byte header). */
    static byte[] ipOf(byte[] frame) {
        return Arrays.copyOfRange(frame, ETH, frame.length);
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int u32(byte[] b, int off) {
        return (u16(b, off) << 16) | u16(b, off + 2);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }

    static int ihl(byte[] b, int ip) {
        return (b[ip] & 0xF) * 4;
    }

    /** Recomputes the IP header checksum of the header at {@code ip} (a test's own edit). */
    static void fixIpChecksum(byte[] b, int ip) {
        put16(b, ip + 10, 0);
        put16(b, ip + 10, Checksum.of(b, ip, ihl(b, ip)));
    }

    /** The IP header checksum computed from scratch (the checksum field counted as zero). */
    static int ipChecksum(byte[] b, int ip) {
        byte[] copy = Arrays.copyOfRange(b, ip, ip + ihl(b, ip));
        put16(copy, 10, 0);
        return Checksum.of(copy, 0, copy.length);
    }

    /** The TCP or UDP checksum from scratch over {@code len} bytes at {@code l4} (field at {@code sumAt} zeroed). */
    static int transportChecksum(byte[] b, int ip, int l4, int len, int sumAt) {
        byte[] copy = Arrays.copyOfRange(b, l4, l4 + len);
        put16(copy, sumAt, 0);
        int pseudo = Checksum.pseudoHeader(u32(b, ip + 12), u32(b, ip + 16), u8(b, ip + 9), len);
        return Checksum.finish(Checksum.add(pseudo, copy, 0, len));
    }

    /** A packet holding {@code bytes} with the network header annotation at {@code ip}. */
    static Packet marked(byte[] bytes, int ip) {
        Packet p = Harness.packet(bytes);
        p.setNetworkHeader(ip, ihl(bytes, ip));
        return p;
    }

    static FrameBuilder udp() {
        return FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 80);
    }

    /** The first configuration error message of building {@code declaration}. */
    static String configError(String declaration) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(declaration).close());
        return e.errors().getFirst().message();
    }

    static void assertIpChecksumValid(byte[] b, int ip) {
        assertEquals(ipChecksum(b, ip), u16(b, ip + 10), "IP header checksum");
        assertEquals(0, Checksum.of(b, ip, ihl(b, ip)), "IP header sums to 0xFFFF");
    }
}
