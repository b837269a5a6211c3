package io.jmill.elements.ip;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

class CheckIPHeaderTest {

    @Test
    void validFramePassesWithAnnotations() throws Exception {
        byte[] f = udp().frameLength(64).build();
        try (Harness h = Harness.element("CheckIPHeader(14)", 1, 2)) {
            h.push(0, f);
            assertEquals(1, h.count(0));
            assertEquals(0, h.count(1));
            Packet out = h.output(0).getFirst();
            assertArrayEquals(f, out.toByteArray());
            assertEquals(14, out.networkHeaderOffset());
            assertEquals(20, out.networkHeaderLength());
            assertEquals(34, out.transportHeaderOffset());
            assertEquals(0x0A000002, out.dstIpAnno());
            assertEquals("0", h.read("drops"));
            assertEquals("1", h.read("count"), "FastClick's count: valid packets");
        }
    }

    @Test
    void ethernetPaddingIsTrimmedToTheIpLength() throws Exception {
        byte[] f = udp().payloadLength(0).build();          // 42 bytes, IP length 28
        byte[] padded = Arrays.copyOf(f, 60);
        Arrays.fill(padded, 42, 60, (byte) 0xEE);
        try (Harness h = Harness.element("CheckIPHeader(14)")) {
            h.push(0, padded);
            assertArrayEquals(f, h.outputBytes(0).getFirst());
        }
    }

    @Test
    void offsetZeroAndKeyword() throws Exception {
        byte[] ip = ipOf(udp().build());
        for (String cfg : new String[] {"CheckIPHeader", "CheckIPHeader(0)", "CheckIPHeader(OFFSET 0)"}) {
            try (Harness h = Harness.element(cfg)) {
                h.push(0, ip);
                assertEquals(1, h.count(0), cfg);
                assertEquals(0, h.output(0).getFirst().networkHeaderOffset());
            }
        }
    }

    @Test
    void optionsSetTheHeaderLength() throws Exception {
        byte[] f = udp().ipOptions(new byte[] {1, 1, 1, 0}).build();
        try (Harness h = Harness.element("CheckIPHeader(14)")) {
            h.push(0, f);
            Packet out = h.output(0).getFirst();
            assertEquals(24, out.networkHeaderLength());
            assertEquals(14 + 24, out.transportHeaderOffset());
        }
    }

    /** Each malformed packet goes to output 1 with the reason counted. */
    @Test
    void malformedPacketsGoToOutput1WithDetails() throws Exception {
        byte[] good = udp().frameLength(64).build();
        byte[][] bad = new byte[7][];
        bad[0] = Arrays.copyOf(good, 14 + 19);                              // tiny
        bad[1] = good.clone();
        bad[1][14] = 0x65;                                                 // version 6
        fixIpChecksum(bad[1], 14);
        bad[2] = good.clone();
        bad[2][14] = 0x44;                                                 // IHL 4
        bad[3] = good.clone();
        put16(bad[3], 16, 19);                                             // total length < header
        fixIpChecksum(bad[3], 14);
        bad[4] = good.clone();
        put16(bad[4], 16, good.length - 14 + 1);                           // total length > packet
        fixIpChecksum(bad[4], 14);
        bad[5] = good.clone();
        bad[5][14 + 8] ^= 1;                                               // checksum
        bad[6] = good.clone();
        bad[6][14] = 0x4F;                                                 // IHL 15: 60 > total length 50
        try (Harness h = Harness.element("CheckIPHeader(14, DETAILS true)", 1, 2)) {
            for (byte[] b : bad) {
                h.push(0, b);
            }
            assertEquals(0, h.count(0));
            assertEquals(7, h.count(1));
            for (int i = 0; i < bad.length; i++) {
                assertArrayEquals(bad[i], h.outputBytes(1).get(i), "bad packet " + i + " unchanged");
            }
            assertEquals("7", h.read("drops"));
            assertEquals("0", h.read("count"));
            assertEquals("""
                    1\ttiny packet
                    1\tbad IP version
                    1\tbad IP header length
                    3\tbad IP length
                    1\tbad IP checksum
                    0\tbad source address
                    """, h.read("drop_details"));
        }
    }

    @Test
    void headerLongerThanThePacketIsABadLength() throws Exception {
        // 20 bytes of packet claiming a 24-byte header: the total length cannot be both >= 24 and <= 20.
        byte[] ip = ipOf(udp().payloadLength(0).build());
        byte[] b = Arrays.copyOf(ip, 20);
        b[0] = 0x46;
        put16(b, 2, 20);
        try (Harness h = Harness.element("CheckIPHeader(DETAILS true)", 1, 2)) {
            h.push(0, b);
            assertEquals(1, h.count(1));
            assertTrue(h.read("drop_details").contains("1\tbad IP length"));
        }
    }

    @Test
    void withoutOutput1BadPacketsAreDropped() throws Exception {
        byte[] f = udp().build();
        f[14 + 8] ^= 1;
        try (Harness h = Harness.element("CheckIPHeader(14)")) {
            h.push(0, f);
            h.push(0, new byte[10]);
            assertEquals(0, h.count(0));
            assertEquals("2", h.read("drops"));
        }
    }

    @Test
    void dropDetailsOnlyWithDetails() throws Exception {
        try (Harness h = Harness.element("CheckIPHeader(14)")) {
            assertThrows(HandlerException.class, () -> h.read("drop_details"));
        }
    }

    @Test
    void checksumFalseAndCheckIPHeader2SkipTheChecksum() throws Exception {
        byte[] f = udp().build();
        f[14 + 10] ^= 0x55;
        try (Harness a = Harness.element("CheckIPHeader(14, CHECKSUM false)")) {
            a.push(0, f);
            assertEquals(1, a.count(0));
        }
        try (Harness b = Harness.element("CheckIPHeader2(14)")) {
            b.push(0, f);
            assertEquals(1, b.count(0));
        }
        try (Harness c = Harness.element("CheckIPHeader2(14, CHECKSUM true)", 1, 2)) {
            c.push(0, f);
            assertEquals(1, c.count(1));
        }
    }

    @Test
    void checkIPHeader2StillChecksLengths() throws Exception {
        byte[] f = udp().build();
        f[14] = 0x43;
        try (Harness h = Harness.element("CheckIPHeader2(14, DETAILS true)", 1, 2)) {
            h.push(0, f);
            assertEquals(1, h.count(1));
            assertTrue(h.read("drop_details").contains("1\tbad IP header length"));
        }
    }

    @Test
    void noSourceCheckByDefault() throws Exception {
        byte[] f = udp().src("0.0.0.0", 1).build();
        byte[] g = udp().src("255.255.255.255", 1).build();
        try (Harness h = Harness.element("CheckIPHeader(14)")) {
            h.push(0, f);
            h.push(0, g);
            assertEquals(2, h.count(0));
        }
    }

    @Test
    void badSrcAndGoodDst() throws Exception {
        byte[] bad = udp().src("10.0.0.255", 1).dst("10.0.0.2", 2).build();
        byte[] exempt = udp().src("10.0.0.255", 1).dst("10.0.0.9", 2).build();
        byte[] fine = udp().src("10.0.0.3", 1).build();
        try (Harness h = Harness.element("CheckIPHeader(14, BADSRC 10.0.0.255 1.2.3.4, GOODDST 10.0.0.9)", 1, 2)) {
            h.push(0, bad).push(0, exempt).push(0, fine);
            assertEquals(2, h.count(0));
            assertEquals(1, h.count(1));
            assertArrayEquals(bad, h.outputBytes(1).getFirst());
        }
    }

    @Test
    void interfacesGiveBroadcastsAsBadSourcesAndAddressesAsGoodDestinations() throws Exception {
        String cfg = "CheckIPHeader(14, INTERFACES 18.26.4.9/24 18.32.9.44/28)";
        byte[][] bad = {
            udp().src("18.26.4.255", 1).build(), udp().src("18.32.9.47", 1).build(),
            udp().src("0.0.0.0", 1).build(), udp().src("255.255.255.255", 1).build()
        };
        byte[] toRouter = udp().src("0.0.0.0", 1).dst("18.26.4.9", 2).build();
        byte[] ok = udp().src("18.26.4.254", 1).build();
        try (Harness h = Harness.element(cfg, 1, 2)) {
            for (byte[] b : bad) {
                h.push(0, b);
            }
            h.push(0, toRouter).push(0, ok);
            assertEquals(4, h.count(1));
            assertEquals(2, h.count(0));
        }
    }

    @Test
    void oldSyntaxBadSrc2AddsZeroAndBroadcast() throws Exception {
        try (Harness h = Harness.element("CheckIPHeader(1.2.3.4, 14)", 1, 2)) {
            h.push(0, udp().src("1.2.3.4", 1).build());
            h.push(0, udp().src("0.0.0.0", 1).build());
            h.push(0, udp().src("255.255.255.255", 1).build());
            h.push(0, udp().src("1.2.3.5", 1).build());
            assertEquals(3, h.count(1));
            assertEquals(1, h.count(0));
            assertEquals(14, h.output(0).getFirst().networkHeaderOffset());
        }
    }

    @Test
    void configurationErrors() {
        assertEquals("BADSRC: expected IPv4 address, got 'foo'", configError("CheckIPHeader(BADSRC foo)"));
        assertEquals("INTERFACES: expected IP prefix, got '1.2.3'", configError("CheckIPHeader(INTERFACES 1.2.3)"));
        assertEquals("too many arguments", configError("CheckIPHeader(1.2.3.4, 14, 5)"));
        assertEquals("OFFSET: expected integer, got 'x'", configError("CheckIPHeader(OFFSET x)"));
    }
}
