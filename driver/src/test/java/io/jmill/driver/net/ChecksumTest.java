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

    @Test
    void packetSumsEqualArraySumsForEveryLengthAndOffset() {
        java.util.Random rnd = new java.util.Random(7);
        byte[] b = new byte[120];
        rnd.nextBytes(b);
        Packet p = PacketPool.alloc(b);
        for (int off = 0; off < 8; off++) {
            for (int len = 0; len <= 100; len++) {
                assertEquals(Checksum.add(12345, b, off, len), Checksum.add(12345, p, off, len), off + "/" + len);
            }
        }
        p.kill();
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
