package io.jmill.driver.net;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChecksumTest {
    // RFC 1071 section 3 example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, checksum 220d.
    private static final byte[] RFC1071 = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};

    @Test
    void rfc1071Example() {
        assertEquals(0x220d, Checksum.of(RFC1071, 0, RFC1071.length));
        Packet p = PacketPool.alloc(RFC1071);
        assertEquals(0x220d, Checksum.of(p, 0, RFC1071.length));
        p.kill();
    }

    /**
     * RFC 1071 section 4.1's algorithm, written out plainly here, as the reference the fast
     * implementation is checked against: add 16-bit big-endian words into 32 bits, the odd byte
     * as a high byte, fold the carries, complement.
     */
    static int reference(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    @Test
    void rfc1071ReferenceAgreesOnRandomBuffersOfEveryLength() {
        java.util.Random rnd = new java.util.Random(1071);
        byte[] b = new byte[1600];
        for (int round = 0; round < 2000; round++) {
            rnd.nextBytes(b);
            if (round % 4 == 0) {
                java.util.Arrays.fill(b, (byte) 0xFF); // the carries pile up
            }
            int off = rnd.nextInt(8);
            int len = round < 200 ? round : rnd.nextInt(b.length - off);
            assertEquals(reference(b, off, len), Checksum.of(b, off, len), off + "/" + len);
        }
        assertEquals(0x220d, reference(RFC1071, 0, RFC1071.length), "the reference itself on RFC 1071's example");
    }

    @Test
    void aPublishedIpv4HeaderVerifies() {
        // A textbook IPv4 header (UDP, 192.168.0.1 > 192.168.0.199) with its published checksum b861.
        byte[] header = java.util.HexFormat.of().parseHex("450000730000400040110000c0a80001c0a800c7");
        assertEquals(0xb861, Checksum.of(header, 0, 20));
        header[10] = (byte) 0xb8;
        header[11] = 0x61;
        assertEquals(0, Checksum.of(header, 0, 20), "a header with a correct checksum sums to zero");
    }

    @Test
    void rfc1624IncrementalUpdateExample() {
        // RFC 1624 section 4: HC 0xDD2F, a field 0x5555 becomes 0x3285; eqn. 3 gives 0x0000
        // (RFC 1141's eqn. 2 gave the wrong 0xFFFF).
        assertEquals(0x0000, Checksum.update16(0xDD2F, 0x5555, 0x3285));
    }

    /**
     * Frames built and checksummed by a Python script (checksum_frames.py, RFC 791/793/768/792),
     * written to a pcap: each checksum must verify here, and recomputing it with the field zeroed
     * must give Python's value.
     */
    @Test
    void framesChecksummedByAnotherImplementationVerify(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path script = dir.resolve("checksum_frames.py");
        try (java.io.InputStream in = ChecksumTest.class.getResourceAsStream("/net/checksum_frames.py")) {
            java.nio.file.Files.copy(in, script);
        }
        java.nio.file.Path pcap = dir.resolve("frames.pcap");
        Process p = new ProcessBuilder("python3", script.toString(), pcap.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "python3 (installed by .ci/setup) failed: " + output);
        java.util.List<String> sums = java.nio.file.Files.readAllLines(dir.resolve("frames.pcap.txt"));
        int n = 0;
        try (io.jmill.driver.pcap.PcapFrameSource src = io.jmill.driver.pcap.PcapFrameSource.open(pcap)) {
            while (src.next()) {
                byte[] f = new byte[src.capturedLength()];
                src.copyTo(f, 0);
                String[] want = sums.get(n).split(" ");
                int ipAt = Integer.parseInt(want[0]);
                int l4At = Integer.parseInt(want[2]);
                int ihl = (f[14] & 0xF) * 4;
                int proto = f[23] & 0xFF;
                int l4 = f.length - 14 - ihl;
                String what = "frame " + n + " (protocol " + proto + ", IP header " + ihl + " bytes)";
                assertEquals(0, Checksum.of(f, 14, ihl), what + ": IP header verifies");
                int pseudo = proto == FrameBuilder.PROTO_ICMP ? 0 : Checksum.pseudoHeader(u32(f, 26), u32(f, 30), proto, l4);
                assertEquals(0, Checksum.finish(Checksum.add(pseudo, f, 14 + ihl, l4)), what + ": transport verifies");
                f[ipAt] = 0;
                f[ipAt + 1] = 0;
                assertEquals(Integer.parseInt(want[1], 16), Checksum.of(f, 14, ihl), what + ": IP checksum");
                int stored = ((f[l4At] & 0xFF) << 8) | (f[l4At + 1] & 0xFF);
                f[l4At] = 0;
                f[l4At + 1] = 0;
                int computed = Checksum.finish(Checksum.add(pseudo, f, 14 + ihl, l4));
                assertEquals(Integer.parseInt(want[3], 16), proto == 17 && computed == 0 ? 0xFFFF : computed,
                        what + ": transport checksum");
                assertEquals(Integer.parseInt(want[3], 16), stored, what + ": the capture holds it");
                n++;
            }
        }
        assertEquals(300, n);
    }

    private static int u32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    @Test
    void packetSumsEqualArraySumsForEveryLengthAndOffset() {
        // The packet sum adds eight bytes at a time in the machine's byte order; folded, it must
        // equal the array sum's, for random bytes and for all-ones bytes (every add carries).
        java.util.Random rnd = new java.util.Random(7);
        byte[] random = new byte[120];
        rnd.nextBytes(random);
        byte[] ones = new byte[120];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        for (byte[] b : new byte[][] {random, ones}) {
            Packet p = PacketPool.alloc(b);
            for (int sum : new int[] {0, 12345, 0xFFFF, 0xFFFF_FFFF}) {
                for (int off = 0; off < 8; off++) {
                    for (int len = 0; len <= 100; len++) {
                        assertEquals(Checksum.finish(Checksum.add(sum, b, off, len)),
                                Checksum.finish(Checksum.add(sum, p, off, len)), sum + "+" + off + "/" + len);
                    }
                }
            }
            p.kill();
        }
    }

    @Test
    void builtFramesVerify() {
        for (FrameBuilder b : new FrameBuilder[] {FrameBuilder.udp(), FrameBuilder.tcp(), FrameBuilder.icmp()}) {
            byte[] f = b.src("192.168.1.7", 5353).dst("8.8.8.8", 53).frameLength(99).fill(0xAB).build();
            assertEquals(99, f.length);
            assertEquals(0, Checksum.of(f, 14, 20), "IP header verifies");
            int l4 = f.length - 34;
            int proto = f[23];
            int sum = proto == FrameBuilder.PROTO_ICMP ? 0
                    : Checksum.pseudoHeader(Addresses.ip("192.168.1.7"), Addresses.ip("8.8.8.8"), proto, l4);
            assertEquals(0, Checksum.finish(Checksum.add(sum, f, 34, l4)), "transport checksum verifies, proto " + proto);
        }
    }

    @Test
    void incrementalUpdateMatchesRecomputation() {
        byte[] f = FrameBuilder.udp().ttl(64).build();
        int old = ((f[14 + 10] & 0xFF) << 8) | (f[14 + 11] & 0xFF);
        int oldWord = ((f[22] & 0xFF) << 8) | (f[23] & 0xFF);
        f[22] = 63;
        int newWord = ((f[22] & 0xFF) << 8) | (f[23] & 0xFF);
        int updated = Checksum.update16(old, oldWord, newWord);
        f[24] = 0;
        f[25] = 0;
        assertEquals(Checksum.of(f, 14, 20), updated);
        int c2 = Checksum.update32(updated, Addresses.ip("10.0.0.1"), Addresses.ip("172.16.5.4"));
        System.arraycopy(new byte[] {(byte) 172, 16, 5, 4}, 0, f, 26, 4);
        assertEquals(Checksum.of(f, 14, 20), c2);
    }

    @Test
    void addressesRoundTripAndRejectGarbage() {
        assertEquals(0x0A000001, Addresses.ip("10.0.0.1"));
        assertEquals("255.1.2.3", Addresses.ipString(Addresses.ip("255.1.2.3")));
        assertEquals("00:1b:21:3a:4c:5d", Addresses.macString(Addresses.mac("00-1B-21-3A-4C-5D")));
        assertEquals("bad IPv4 address '1.2.3.256'", assertThrows(IllegalArgumentException.class, () -> Addresses.ip("1.2.3.256")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Addresses.mac("00:11:22:33:44"));
        assertThrows(IllegalArgumentException.class, () -> FrameBuilder.tcp().frameLength(40).build());
    }
}
