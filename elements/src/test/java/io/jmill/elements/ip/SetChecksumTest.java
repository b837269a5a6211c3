package io.jmill.elements.ip;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

/** SetIPChecksum, SetTCPChecksum, SetUDPChecksum. */
class SetChecksumTest {
    private static final int IP = ETH;
    private static final int L4 = ETH + 20;

    @Test
    void setIPChecksumRecomputesAtTheNetworkHeaderOrTheStart() throws Exception {
        byte[] f = udp().ipOptions(new byte[] {(byte) 0x94, 4, 0, 0}).build();   // router alert
        byte[] broken = f.clone();
        put16(broken, IP + 10, 0xBEEF);
        byte[] ipOnly = ipOf(broken);
        try (Harness h = Harness.element("SetIPChecksum")) {
            h.push(0, marked(broken, IP));
            h.push(0, ipOnly);                              // no annotation: header at offset 0
            assertArrayEquals(f, h.outputBytes(0).get(0));
            assertArrayEquals(ipOf(f), h.outputBytes(0).get(1));
            assertEquals(ipChecksum(broken, IP), u16(h.outputBytes(0).get(0), IP + 10));
            assertEquals("0", h.read("drops"));
        }
    }

    @Test
    void setIPChecksumDropsMalformedHeaders() throws Exception {
        byte[] ip = ipOf(udp().build());
        byte[] shortIhl = ip.clone();
        shortIhl[0] = 0x44;
        byte[] longIhl = Arrays.copyOf(ip, 23);
        longIhl[0] = 0x46;
        try (Harness h = Harness.element("SetIPChecksum")) {
            h.push(0, new byte[19]).push(0, shortIhl).push(0, longIhl);
            assertEquals(0, h.count(0));
            assertEquals("3", h.read("drops"));
        }
    }

    @Test
    void setTCPChecksum() throws Exception {
        byte[] f = FrameBuilder.tcp().payloadLength(13).fill(0x77).build();   // odd length
        byte[] broken = f.clone();
        put16(broken, L4 + 16, 0x1234);
        try (Harness h = Harness.element("SetTCPChecksum")) {
            h.push(0, marked(broken, IP));
            byte[] out = h.outputBytes(0).getFirst();
            assertArrayEquals(f, out);
            assertEquals(transportChecksum(broken, IP, L4, f.length - L4, 16), u16(out, L4 + 16));
        }
    }

    @Test
    void setTCPChecksumBadLengths() throws Exception {
        byte[] f = FrameBuilder.tcp().build();
        byte[] tooLong = f.clone();
        put16(tooLong, IP + 2, 20 + 21 + 20);
        byte[] tooShort = f.clone();
        put16(tooShort, IP + 2, 20 + 19);
        try (Harness h = Harness.element("SetTCPChecksum")) {
            h.push(0, marked(tooLong, IP)).push(0, marked(tooShort, IP)).push(0, f);
            assertEquals(0, h.count(0));
            assertEquals("3", h.read("drops"));
        }
    }

    @Test
    void setTCPChecksumFixOff() throws Exception {
        byte[] f = FrameBuilder.tcp().payloadLength(4).build();
        byte[] small = f.clone();
        small[L4 + 12] = 0x20;
        byte[] big = f.clone();
        big[L4 + 12] = (byte) 0xF0;
        try (Harness h = Harness.element("SetTCPChecksum(true)")) {
            h.push(0, marked(small, IP)).push(0, marked(big, IP));
            assertEquals(0x50, u8(h.outputBytes(0).get(0), L4 + 12));
            assertEquals(0x60, u8(h.outputBytes(0).get(1), L4 + 12), "24-byte segment: 6 words");
            byte[] out = h.outputBytes(0).get(1);
            assertEquals(transportChecksum(out, IP, L4, 24, 16), u16(out, L4 + 16));
        }
        try (Harness h = Harness.element("SetTCPChecksum(FIXOFF false)")) {
            h.push(0, marked(small, IP));
            assertEquals(0x20, u8(h.outputBytes(0).get(0), L4 + 12));
        }
    }

    @Test
    void setUDPChecksum() throws Exception {
        byte[] f = udp().payloadLength(7).fill(0x31).build();
        byte[] zero = f.clone();
        put16(zero, L4 + 6, 0);
        try (Harness h = Harness.element("SetUDPChecksum", 1, 2)) {
            h.push(0, marked(zero, IP));
            byte[] out = h.outputBytes(0).getFirst();
            assertArrayEquals(f, out);
            int c = transportChecksum(zero, IP, L4, 15, 6);
            assertEquals(c == 0 ? 0xFFFF : c, u16(out, L4 + 6));
        }
    }

    @Test
    void setUDPChecksumNeverWritesZero() throws Exception {
        // Choose the payload so that the computed checksum is 0: it must go out as 0xFFFF.
        byte[] f = udp().payloadLength(2).build();
        put16(f, L4 + 6, 0);
        int c = transportChecksum(f, IP, L4, 10, 6);
        put16(f, L4 + 8, c);            // adding the complement makes the sum 0xFFFF: checksum 0
        assertEquals(0, transportChecksum(f, IP, L4, 10, 6));
        try (Harness h = Harness.element("SetUDPChecksum")) {
            h.push(0, marked(f, IP));
            assertEquals(0xFFFF, u16(h.outputBytes(0).getFirst(), L4 + 6));
        }
    }

    @Test
    void setUDPChecksumSendsFragmentsAndShortPacketsToOutput1() throws Exception {
        byte[] frag = udp().fragment(0x2000).build();
        byte[] later = udp().fragment(0x0003).build();
        byte[] longLen = udp().build();
        put16(longLen, L4 + 4, 100);
        try (Harness h = Harness.element("SetUDPChecksum", 1, 2)) {
            h.push(0, marked(frag, IP)).push(0, marked(later, IP)).push(0, marked(longLen, IP));
            Packet noHeader = Harness.packet(udp().build());
            h.push(0, noHeader);
            assertEquals(0, h.count(0));
            assertEquals(4, h.count(1));
            assertArrayEquals(frag, h.outputBytes(1).getFirst());
            assertEquals("4", h.read("drops"));
        }
        try (Harness h = Harness.element("SetUDPChecksum")) {
            h.push(0, marked(frag, IP));
            assertEquals(0, h.count(0));
        }
    }

    /** A loose source route via 10.9.9.1 to the final destination 10.9.9.2, padded with EOL. */
    private static final byte[] LSRR = {(byte) 131, 11, 4, 10, 9, 9, 1, 10, 9, 9, 2, 0};

    /** The transport checksum of {@link #transportChecksum} with the pseudo-header's destination replaced. */
    private static int checksumTo(byte[] b, int dst, int l4, int len, int sumAt) {
        byte[] copy = Arrays.copyOfRange(b, l4, l4 + len);
        put16(copy, sumAt, 0);
        int pseudo = io.jmill.driver.net.Checksum.pseudoHeader(u32(b, ETH + 12), dst, u8(b, ETH + 9), len);
        return io.jmill.driver.net.Checksum.finish(io.jmill.driver.net.Checksum.add(pseudo, copy, 0, len));
    }

    @Test
    void sourceRoutedSegmentsAreSummedOverTheFinalDestination() throws Exception {
        int finalDst = 0x0A090902;
        for (String proto : new String[] {"TCP", "UDP"}) {
            byte[] f = (proto.equals("TCP") ? FrameBuilder.tcp() : FrameBuilder.udp()).src("10.0.0.1", 1234)
                    .dst("10.0.0.2", 80).ipOptions(LSRR).payloadLength(10).build();
            int l4 = ETH + 32;
            int len = u16(f, ETH + 2) - 32;
            int sumAt = proto.equals("TCP") ? 16 : 6;
            try (Harness h = Harness.graph("input -> Set" + proto + "Checksum -> c :: Check" + proto + "Header"
                    + " -> [0] output; c[1] -> [1] output;", 1, 2)) {
                Packet p = marked(f, ETH);
                p.setTransportHeader(l4);
                h.push(0, p);
                assertEquals(1, h.count(0), proto + " checked good with the final destination");
                byte[] out = h.outputBytes(0).getFirst();
                assertEquals(checksumTo(out, finalDst, l4, len, sumAt), u16(out, l4 + sumAt), proto);
                assertNotEquals(checksumTo(out, 0x0A000002, l4, len, sumAt), u16(out, l4 + sumAt), proto);
            }
            try (Harness h = Harness.element("Check" + proto + "Header", 1, 2)) {
                byte[] wrong = f.clone();
                put16(wrong, l4 + sumAt, checksumTo(f, 0x0A000002, l4, len, sumAt)); // over the next hop
                Packet p = marked(wrong, ETH);
                p.setTransportHeader(l4);
                h.push(0, p);
                assertEquals(1, h.count(1), proto + ": summed over the header's destination is wrong");
            }
        }
    }
}
