package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

/** CheckTCPHeader, CheckUDPHeader, CheckICMPHeader and MarkIPHeader. */
class CheckTransportHeaderTest {
    private static final int IP = ETH;
    private static final int L4 = ETH + 20;

    private static void pushMarked(Harness h, byte[] frame) {
        h.push(0, marked(frame, IP));
    }

    @Test
    void markIPHeaderSetsTheHeaderFromIhl() throws Exception {
        byte[] f = FrameBuilder.tcp().ipOptions(new byte[] {1, 1, 1, 1, 1, 1, 1, 0}).build();
        try (Harness h = Harness.element("MarkIPHeader(14)")) {
            h.push(0, f);
            Packet out = h.output(0).getFirst();
            assertArrayEquals(f, out.toByteArray());
            assertEquals(14, out.networkHeaderOffset());
            assertEquals(28, out.networkHeaderLength());
            assertEquals(42, out.transportHeaderOffset());
            assertEquals(0, out.dstIpAnno(), "MarkIPHeader does not set the destination annotation");
        }
        try (Harness h = Harness.element("MarkIPHeader")) {
            h.push(0, new byte[0]);
            assertFalse(h.output(0).getFirst().hasNetworkHeader(), "nothing to read: passed unmarked");
        }
    }

    @Test
    void goodPacketsPassUnchanged() throws Exception {
        byte[] tcp = FrameBuilder.tcp().payloadLength(33).fill(0xA5).build();
        byte[] udp = udp().payloadLength(31).fill(0x5A).build();
        byte[] icmp = FrameBuilder.icmp().payloadLength(7).fill(3).build();
        for (String[] c : new String[][] {{"CheckTCPHeader", "t"}, {"CheckUDPHeader", "u"}, {"CheckICMPHeader", "i"}}) {
            byte[] f = c[1].equals("t") ? tcp : c[1].equals("u") ? udp : icmp;
            try (Harness h = Harness.element(c[0], 1, 2)) {
                pushMarked(h, f);
                assertEquals(1, h.count(0), c[0]);
                assertArrayEquals(f, h.outputBytes(0).getFirst());
                assertEquals("0", h.read("drops"));
                assertEquals("1", h.read("count"), c[0] + ": FastClick's count of valid packets");
            }
        }
    }

    @Test
    void udpWithoutChecksumIsAccepted() throws Exception {
        byte[] f = udp().build();
        put16(f, L4 + 6, 0);
        try (Harness h = Harness.element("CheckUDPHeader", 1, 2)) {
            pushMarked(h, f);
            assertEquals(1, h.count(0));
        }
    }

    @Test
    void tcpErrors() throws Exception {
        byte[] good = FrameBuilder.tcp().payloadLength(10).build();
        byte[] notTcp = udp().build();
        byte[] shortOffset = good.clone();
        shortOffset[L4 + 12] = 0x40;                                // data offset 4 words
        byte[] longOffset = good.clone();
        longOffset[L4 + 12] = (byte) 0xF0;                          // 60 bytes > 30-byte segment
        byte[] truncated = Arrays.copyOf(good, good.length - 1);    // IP length beyond the packet
        byte[] tinySegment = good.clone();
        put16(tinySegment, IP + 2, 20 + 19);
        fixIpChecksum(tinySegment, IP);
        byte[] badSum = good.clone();
        badSum[good.length - 1] ^= 0x40;
        try (Harness h = Harness.element("CheckTCPHeader(DETAILS true)", 1, 2)) {
            for (byte[] b : new byte[][] {notTcp, shortOffset, longOffset, truncated, tinySegment, badSum}) {
                pushMarked(h, b);
            }
            h.push(0, good);                                        // no network header annotation
            assertEquals(0, h.count(0));
            assertEquals(7, h.count(1));
            assertEquals("7", h.read("drops"));
            assertEquals("0", h.read("count"));
            assertEquals("2\tnot TCP\n4\tbad packet length\n1\tbad TCP checksum\n", h.read("drop_details"));
        }
    }

    @Test
    void udpErrors() throws Exception {
        byte[] good = udp().payloadLength(10).build();
        byte[] shortLen = good.clone();
        put16(shortLen, L4 + 4, 7);
        byte[] longLen = good.clone();
        put16(longLen, L4 + 4, 19);                                 // 19 > 18 bytes in the packet
        byte[] badSum = good.clone();
        badSum[good.length - 2] ^= 1;
        byte[] tcp = FrameBuilder.tcp().build();
        try (Harness h = Harness.element("CheckUDPHeader(DETAILS true)", 1, 2)) {
            for (byte[] b : new byte[][] {shortLen, longLen, badSum, tcp}) {
                pushMarked(h, b);
            }
            h.push(0, Harness.packet(new byte[40]));                // no annotation
            assertEquals(5, h.count(1));
            assertEquals("2\tnot UDP\n2\tbad packet length\n1\tbad UDP checksum\n", h.read("drop_details"));
        }
    }

    @Test
    void icmpErrors() throws Exception {
        byte[] echo = FrameBuilder.icmp().payloadLength(0).build();
        byte[] tooShort = Arrays.copyOf(echo, L4 + 7);
        byte[] shortError = FrameBuilder.icmp().icmp(3, 1).payloadLength(27).build();   // needs 28
        byte[] error = FrameBuilder.icmp().icmp(11, 0).payloadLength(28).build();
        byte[] tstamp = FrameBuilder.icmp().icmp(13, 0).payloadLength(11).build();      // needs exactly 12
        byte[] inforeq = FrameBuilder.icmp().icmp(15, 0).payloadLength(1).build();      // needs exactly 0
        byte[] badSum = echo.clone();
        badSum[L4 + 5] ^= 1;
        try (Harness h = Harness.element("CheckICMPHeader(DETAILS true)", 1, 2)) {
            for (byte[] b : new byte[][] {tooShort, shortError, error, tstamp, inforeq, badSum, udp().build()}) {
                pushMarked(h, b);
            }
            assertEquals(1, h.count(0));
            assertArrayEquals(error, h.outputBytes(0).getFirst());
            assertEquals(6, h.count(1));
            assertEquals("1\tnot ICMP\n4\tbad packet length\n1\tbad ICMP checksum\n", h.read("drop_details"));
        }
    }

    @Test
    void truncatedIpHeaderIsABadLengthNeverAnException() throws Exception {
        byte[] f = Arrays.copyOf(FrameBuilder.tcp().build(), IP + 12);
        for (String cls : new String[] {"CheckTCPHeader", "CheckUDPHeader", "CheckICMPHeader"}) {
            try (Harness h = Harness.element(cls + "(DETAILS true)")) {
                Packet p = Harness.packet(f);
                p.setNetworkHeader(IP, 20);
                h.push(0, p);
                assertEquals(0, h.count(0));
                assertTrue(h.read("drop_details").contains("1\tbad packet length"), cls);
            }
        }
    }

    @Test
    void checksumsAreVerifiedOverThePseudoHeader() throws Exception {
        // Changing an address without fixing the TCP checksum must be caught (the pseudo-header covers it).
        byte[] f = FrameBuilder.tcp().build();
        put32(f, IP + 12, 0x0A000063);
        fixIpChecksum(f, IP);
        assertNotEquals(u16(f, L4 + 16), transportChecksum(f, IP, L4, f.length - L4, 16));
        try (Harness h = Harness.element("CheckTCPHeader", 1, 2)) {
            pushMarked(h, f);
            assertEquals(1, h.count(1));
            put16(f, L4 + 16, transportChecksum(f, IP, L4, f.length - L4, 16));
            pushMarked(h, f);
            assertEquals(1, h.count(0));
            assertEquals(0, Checksum.finish(Checksum.add(
                    Checksum.pseudoHeader(u32(f, IP + 12), u32(f, IP + 16), 6, f.length - L4), f, L4, f.length - L4)));
        }
    }
}
