package io.jmill.elements.ip;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

class IPFragmenterTest {
    private static final int IP = ETH;

    /** Checks every fragment's header against the original and reassembles the data by offset. */
    private static byte[] reassemble(byte[] original, int origIp, List<byte[]> fragments, List<Integer> ipOffsets,
                                     int mtu, boolean lastHasMf) {
        int origHlen = ihl(original, origIp);
        int origData = u16(original, origIp + 2) - origHlen;
        int baseOffset = (u16(original, origIp + 6) & 0x1FFF) * 8;
        byte[] data = new byte[origData];
        boolean[] seen = new boolean[origData];
        int expectedOffset = baseOffset;
        for (int i = 0; i < fragments.size(); i++) {
            byte[] f = fragments.get(i);
            int ip = ipOffsets.get(i);
            int hlen = ihl(f, ip);
            int total = u16(f, ip + 2);
            assertEquals(f.length - ip, total, "fragment " + i + ": IP length is the packet length");
            assertTrue(total <= mtu, "fragment " + i + " fits the MTU");
            assertIpChecksumValid(f, ip);
            for (int field : new int[] {4, 8, 9, 12, 16}) {     // id, ttl, protocol, addresses
                int len = field >= 12 ? 4 : field == 4 ? 2 : 1;
                assertArrayEquals(Arrays.copyOfRange(original, origIp + field, origIp + field + len),
                        Arrays.copyOfRange(f, ip + field, ip + field + len), "fragment " + i + " field " + field);
            }
            int flags = u16(f, ip + 6);
            int offset = (flags & 0x1FFF) * 8;
            assertEquals(expectedOffset, offset, "fragments in order, contiguous");
            boolean last = i == fragments.size() - 1;
            assertEquals(!last || lastHasMf, (flags & 0x2000) != 0, "MF of fragment " + i);
            int dlen = total - hlen;
            if (!last) {
                assertEquals(0, dlen % 8, "non-last fragment data is a multiple of 8");
            }
            for (int k = 0; k < dlen; k++) {
                int at = offset - baseOffset + k;
                assertFalse(seen[at], "overlap at " + at);
                seen[at] = true;
                data[at] = f[ip + hlen + k];
            }
            expectedOffset += dlen;
        }
        for (int k = 0; k < seen.length; k++) {
            assertTrue(seen[k], "hole at " + k);
        }
        return data;
    }

    private static byte[] ipData(byte[] b, int ip) {
        return Arrays.copyOfRange(b, ip + ihl(b, ip), ip + u16(b, ip + 2));
    }

    @Test
    void smallPacketsPassUnchanged() throws Exception {
        byte[] f = udp().frameLength(14 + 576).build();
        try (Harness h = Harness.element("IPFragmenter(576)", 1, 2)) {
            h.push(0, marked(f, IP));
            assertArrayEquals(f, h.outputBytes(0).getFirst());
            assertEquals("0", h.read("fragments"));
        }
    }

    @Test
    void fragmentsReassembleToTheOriginal() throws Exception {
        byte[] f = udp().payloadLength(1400).ipId(0x4242).build();
        for (int i = 42; i < f.length; i++) {
            f[i] = (byte) (i * 7);
        }
        // (the UDP checksum no longer matches; fragmentation does not care)
        try (Harness h = Harness.element("IPFragmenter(576)", 1, 2)) {
            Packet in = marked(f, IP);
            in.setPaint(7);
            in.setDstIpAnno(0x01020304);
            in.setTimestampNanos(123_456_789L);
            h.push(0, in);
            List<Packet> out = h.output(0);
            assertEquals(3, out.size());                        // 1408 bytes of data: 552 + 552 + 304
            assertEquals("3", h.read("fragments"));
            List<byte[]> bytes = new ArrayList<>();
            List<Integer> ips = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                Packet p = out.get(i);
                bytes.add(p.toByteArray());
                ips.add(i == 0 ? IP : 0);
                assertEquals(i == 0 ? IP : 0, p.networkHeaderOffset());
                assertEquals(20, p.networkHeaderLength());
                assertEquals(7, p.paint(), "annotations copied");
                assertEquals(0x01020304, p.dstIpAnno());
                assertEquals(123_456_789L, p.timestampNanos());
            }
            assertArrayEquals(Arrays.copyOf(f, IP), Arrays.copyOf(bytes.getFirst(), IP), "first keeps the link header");
            assertEquals(IP + 20 + 552, bytes.getFirst().length);
            assertEquals(20 + 552, bytes.get(1).length);
            assertEquals(20 + 304, bytes.get(2).length);
            assertArrayEquals(ipData(f, IP), reassemble(f, IP, bytes, ips, 576, false));
        }
    }

    @Test
    void onlyOptionsWithTheCopyBitGoIntoLaterFragments() throws Exception {
        byte[] options = {
            (byte) 0x83, 7, 4, 10, 9, 8, 7,     // loose source route: copied
            7, 7, 4, 0, 0, 0, 0,                // record route: first fragment only
            1, 0                                // NOP, EOL
        };
        byte[] f = udp().ipOptions(options).payloadLength(300).fill(0x3C).build();
        try (Harness h = Harness.element("IPFragmenter(200)", 1, 2)) {
            h.push(0, marked(f, IP));
            List<byte[]> out = h.outputBytes(0);
            byte[] first = out.getFirst();
            assertEquals(36, ihl(first, IP));
            assertArrayEquals(Arrays.copyOfRange(f, IP + 20, IP + 36), Arrays.copyOfRange(first, IP + 20, IP + 36));
            assertEquals(IP + 36 + 160, first.length, "(200 - 36) rounded down to 8");
            List<Integer> ips = new ArrayList<>(List.of(IP));
            for (int i = 1; i < out.size(); i++) {
                byte[] g = out.get(i);
                assertEquals(28, ihl(g, 0));
                assertArrayEquals(new byte[] {(byte) 0x83, 7, 4, 10, 9, 8, 7, 0}, Arrays.copyOfRange(g, 20, 28));
                ips.add(0);
            }
            assertEquals(1 + 1, out.size(), "308 bytes: 160 + 148 (172 fit after a 28-byte header)");
            assertArrayEquals(ipData(f, IP), reassemble(f, IP, out, ips, 200, false));
        }
    }

    @Test
    void dontFragmentGoesToOutput1() throws Exception {
        byte[] f = udp().payloadLength(1000).fragment(0x4000).build();
        try (Harness h = Harness.element("IPFragmenter(576)", 1, 2)) {
            h.push(0, marked(f, IP));
            assertEquals(0, h.count(0));
            assertArrayEquals(f, h.outputBytes(1).getFirst());
            assertEquals("1", h.read("drops"));
            assertEquals("0", h.read("fragments"));
        }
        try (Harness h = Harness.element("IPFragmenter(576)")) {
            h.push(0, marked(f, IP));
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void honorDfFalseFragmentsAndClearsDf() throws Exception {
        byte[] f = udp().payloadLength(1000).fragment(0x4000).build();
        try (Harness h = Harness.element("IPFragmenter(576, false)", 1, 2)) {
            h.push(0, marked(f, IP));
            List<byte[]> out = h.outputBytes(0);
            assertEquals(2, out.size());
            int id = u16(out.getFirst(), IP + 4);
            for (int i = 0; i < out.size(); i++) {
                byte[] g = out.get(i);
                int ip = i == 0 ? IP : 0;
                assertEquals(0, u16(g, ip + 6) & 0x4000, "DF cleared");
                assertEquals(id, u16(g, ip + 4), "same ID in all fragments");
                assertIpChecksumValid(g, ip);
            }
            byte[] reassembled = new byte[1008];
            System.arraycopy(out.get(0), IP + 20, reassembled, 0, 552);
            System.arraycopy(out.get(1), 20, reassembled, 552, 1008 - 552);
            assertArrayEquals(ipData(f, IP), reassembled);
        }
    }

    @Test
    void fragmentingAFragmentKeepsMfAndAddsOffsets() throws Exception {
        byte[] f = udp().payloadLength(592).fragment(0x2000 | 100).build();   // 600 bytes of data at 800
        try (Harness h = Harness.element("IPFragmenter(300)", 1, 2)) {
            h.push(0, marked(f, IP));
            List<byte[]> out = h.outputBytes(0);
            assertEquals(3, out.size());
            List<Integer> ips = List.of(IP, 0, 0);
            assertArrayEquals(ipData(f, IP), reassemble(f, IP, out, ips, 300, true));
            assertEquals(0x2000 | (100 + 280 / 8), u16(out.get(1), 6));
        }
    }

    @Test
    void mtuTooSmallForEightBytesOfData() throws Exception {
        byte[] f = udp().payloadLength(100).build();
        try (Harness h = Harness.element("IPFragmenter(27)", 1, 2)) {
            h.push(0, marked(f, IP));
            assertEquals(1, h.count(1));
        }
    }

    @Test
    void paddingBeyondTheIpLengthIsTrimmedNotFragmented() throws Exception {
        byte[] f = udp().payloadLength(100).build();
        byte[] padded = Arrays.copyOf(f, f.length + 40);
        try (Harness h = Harness.element("IPFragmenter(140)", 1, 2)) {
            h.push(0, marked(padded, IP));
            assertArrayEquals(f, h.outputBytes(0).getFirst());
            assertEquals("0", h.read("fragments"));
        }
    }

    @Test
    void malformedOrUnmarkedPacketsAreDropped() throws Exception {
        byte[] f = udp().payloadLength(1000).build();
        byte[] badLen = f.clone();
        put16(badLen, IP + 2, 2000);
        try (Harness h = Harness.element("IPFragmenter(576)", 1, 2)) {
            h.push(0, f);                                   // no annotation
            h.push(0, marked(badLen, IP));
            assertEquals(0, h.count(0));
            assertEquals(0, h.count(1));
            assertEquals("2", h.read("drops"));
        }
    }

    @Test
    void headroomOfNewFragments() throws Exception {
        byte[] f = udp().payloadLength(1000).build();
        try (Harness h = Harness.element("IPFragmenter(576, HEADROOM 40)", 1, 2)) {
            h.push(0, marked(f, IP));
            assertEquals(40, h.output(0).get(1).headroom());
        }
        try (Harness h = Harness.element("IPFragmenter(576, HEADROOM 300)", 1, 2)) {
            h.push(0, marked(f, IP));
            assertEquals(300, h.output(0).get(1).headroom());
            assertEquals(20 + 456, h.output(0).get(1).length());
        }
    }

    @Test
    void poolExhaustionDropsThePacketWithoutPartialFragments() throws Exception {
        byte[] f = udp().payloadLength(1400).build();        // needs 2 new packets at MTU 576
        try (Harness h = Harness.element("IPFragmenter(576)", 1, 2)) {
            Packet p = marked(f, IP);
            Packet q = marked(f, IP);
            List<Packet> hoard = new ArrayList<>();
            try {
                for (Packet x; (x = PacketPool.alloc()) != null; ) {
                    hoard.add(x);
                }
                hoard.removeLast().kill();                  // one free packet: not enough
                h.push(0, p);
                assertEquals(0, h.count(0));
                assertEquals("1", h.read("drops"));
                hoard.removeLast().kill();
                hoard.removeLast().kill();
                h.push(0, q);
                assertEquals(3, h.count(0));
            } finally {
                hoard.forEach(Packet::kill);
            }
        }
    }

    @Test
    void configurationErrors() {
        assertEquals("MTU must be at least 8", configError("IPFragmenter(7)"));
        assertEquals("missing mandatory MTU argument", configError("IPFragmenter"));
        assertEquals("HONOR_DF: expected boolean, got 'maybe'", configError("IPFragmenter(1500, maybe)"));
    }

    @Test
    void verboseMessageNamesTheAddresses() throws Exception {
        java.io.PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true));
        try (Harness h = Harness.element("IPFragmenter(100, VERBOSE true)", 1, 2)) {
            h.push(0, marked(udp().payloadLength(200).fragment(0x4000).build(), IP));
        } finally {
            System.setErr(old);
        }
        assertTrue(buf.toString().contains("DF 10.0.0.1 10.0.0.2 len=242"), buf.toString());
    }
}
