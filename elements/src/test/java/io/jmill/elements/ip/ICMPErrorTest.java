package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

class ICMPErrorTest {
    private static final int IP = ETH;
    private static final int ROUTER = 0x12_1A_04_18;    // 18.26.4.24

    /** The error ICMPError must build, written out field by field, with checksums computed here. */
    private static byte[] expectedError(byte[] frame, int ip, int id, int type, int code, int rest, int mtu) {
        int quoted = Math.min(mtu - 28, frame.length - ip);
        byte[] e = new byte[28 + quoted];
        e[0] = 0x45;
        put16(e, 2, e.length);
        put16(e, 4, id);
        e[8] = (byte) 200;
        e[9] = 1;
        put32(e, 12, ROUTER);
        put32(e, 16, u32(frame, ip + 12));
        put16(e, 10, Checksum.of(e, 0, 20));
        e[20] = (byte) type;
        e[21] = (byte) code;
        put32(e, 24, rest);
        System.arraycopy(frame, ip, e, 28, quoted);
        put16(e, 22, Checksum.of(e, 20, 8 + quoted));
        return e;
    }

    private static Packet error(Harness h, int i) {
        return h.output(0).get(i);
    }

    @Test
    void timeExceededIsByteExact() throws Exception {
        byte[] f = udp().ttl(1).payloadLength(30).fill(0x61).build();
        try (Harness h = Harness.element("ICMPError(18.26.4.24, timeexceeded)")) {
            h.push(0, marked(f, IP));
            h.push(0, marked(f, IP));
            assertEquals(2, h.count(0));
            Packet q = error(h, 0);
            byte[] out = q.toByteArray();
            assertArrayEquals(expectedError(f, IP, 1, 11, 0, 0, 576), out);
            assertEquals(28 + 20 + 8 + 30, out.length, "whole original datagram quoted");
            assertIpChecksumValid(out, 0);
            assertEquals(0, Checksum.of(out, 20, out.length - 20), "ICMP checksum");
            assertEquals(0x0A000001, q.dstIpAnno(), "destination annotation: the original source");
            assertTrue(q.fixIpSrc());
            assertEquals(0, q.networkHeaderOffset());
            assertEquals(20, q.networkHeaderLength());
            assertTrue(q.timestampNanos() > 0);
            assertArrayEquals(expectedError(f, IP, 2, 11, 0, 0, 576), error(h, 1).toByteArray(), "next IP ID");
            assertEquals("0", h.read("drops"));
        }
    }

    @Test
    void allICMPErrorsOfARouterShareOneIpIdCounter() throws Exception {
        byte[] f = udp().ttl(1).payloadLength(30).fill(0x61).build();
        try (Harness h = Harness.graph("input [0] -> ICMPError(18.26.4.24, timeexceeded) -> [0] output;"
                + " input [1] -> ICMPError(18.26.4.24, timeexceeded) -> [0] output;", 2, 1)) {
            h.push(0, marked(f, IP));
            h.push(1, marked(f, IP));
            h.push(0, marked(f, IP));
            assertEquals(1, error(h, 0).u16(4));
            assertEquals(2, error(h, 1).u16(4), "the second element goes on from the first one's ID");
            assertEquals(3, error(h, 2).u16(4));
        }
    }

    @Test
    void largePacketsAreQuotedUpToTheMtu() throws Exception {
        byte[] f = FrameBuilder.tcp().payloadLength(1200).fill(0x42).build();
        try (Harness h = Harness.element("ICMPError(18.26.4.24, unreachable, host)")) {
            h.push(0, marked(f, IP));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(576, out.length);
            assertArrayEquals(expectedError(f, IP, 1, 3, 1, 0, 576), out);
        }
        try (Harness h = Harness.element("ICMPError(18.26.4.24, 3, 1, MTU 100)")) {
            h.push(0, marked(f, IP));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(100, out.length);
            assertArrayEquals(expectedError(f, IP, 1, 3, 1, 0, 100), out);
            assertTrue(out.length >= 28 + 20 + 8, "at least the IP header and 8 bytes (RFC 792)");
        }
    }

    @Test
    void needFragCarriesThePathMtu() throws Exception {
        byte[] f = udp().payloadLength(1400).fragment(0x4000).build();
        try (Harness h = Harness.element("ICMPError(18.26.4.24, unreachable, needfrag, PMTU 1500)")) {
            h.push(0, marked(f, IP));
            byte[] out = h.outputBytes(0).getFirst();
            assertArrayEquals(expectedError(f, IP, 1, 3, 4, 1500, 576), out);
            assertEquals(1500, u16(out, 26));
        }
    }

    @Test
    void parameterProblemTakesThePointerFromTheAnnotation() throws Exception {
        byte[] f = udp().ipOptions(new byte[] {7, 1, 0, 0}).build();
        try (Harness h = Harness.element("ICMPError(18.26.4.24, parameterproblem)")) {
            Packet p = marked(f, IP);
            p.setIcmpParamProb(21);
            h.push(0, p);
            assertArrayEquals(expectedError(f, IP, 1, 12, 0, 21 << 24, 576), h.outputBytes(0).getFirst());
        }
    }

    @Test
    void redirectTakesTheGatewayFromTheDestinationAnnotation() throws Exception {
        byte[] f = udp().build();
        try (Harness h = Harness.element("ICMPError(18.26.4.24, redirect, host)")) {
            Packet p = marked(f, IP);
            p.setDstIpAnno(0x0A000063);
            h.push(0, p);
            assertArrayEquals(expectedError(f, IP, 1, 5, 1, 0x0A000063, 576), h.outputBytes(0).getFirst());
        }
    }

    @Test
    void setFixAnnoFalse() throws Exception {
        for (String kw : new String[] {"SET_FIX_ANNO false", "USE_FIX_ANNO false"}) {
            try (Harness h = Harness.element("ICMPError(18.26.4.24, timeexceeded, " + kw + ")")) {
                h.push(0, marked(udp().build(), IP));
                assertFalse(error(h, 0).fixIpSrc(), kw);
            }
        }
    }

    @Test
    void noErrorsAboutErrorsBroadcastsBadSourcesOrLaterFragments() throws Exception {
        try (Harness h = Harness.element("ICMPError(18.26.4.24, unreachable, BADADDRS 10.0.0.255)")) {
            for (Packet p : quietPackets()) {
                h.push(0, p);
            }
            assertEquals(0, h.count(0));
            // ...but an ICMP echo, a first fragment, or a packet from elsewhere does get one.
            h.push(0, marked(FrameBuilder.icmp().build(), IP));
            h.push(0, marked(udp().fragment(0x2000).build(), IP));
            h.push(0, marked(udp().src("11.0.0.1", 1).build(), IP));
            assertEquals(3, h.count(0));
        }
    }

    private static List<Packet> quietPackets() {
        List<Packet> quiet = new ArrayList<>();
        quiet.add(marked(FrameBuilder.icmp().icmp(3, 1).payloadLength(28).build(), IP));     // ICMP error
        quiet.add(marked(FrameBuilder.icmp().icmp(11, 0).payloadLength(28).build(), IP));
        quiet.add(marked(Arrays.copyOf(FrameBuilder.icmp().build(), IP + 23), IP));           // ICMP type cut off
        quiet.add(marked(udp().dst("255.255.255.255", 1).build(), IP));
        quiet.add(marked(udp().dst("224.0.0.1", 1).build(), IP));
        quiet.add(marked(udp().dst("10.0.0.255", 1).build(), IP));                           // BADADDRS
        for (String src : new String[] {"0.1.2.3", "127.0.0.1", "240.0.0.1", "255.255.255.255", "224.1.1.1",
                                        "10.0.0.255"}) {
            quiet.add(marked(udp().src(src, 1).build(), IP));
        }
        quiet.add(marked(udp().fragment(0x2000 | 3).build(), IP));                         // not the first
        quiet.add(marked(udp().fragment(1).build(), IP));
        Packet linkBroadcast = marked(udp().build(), IP);
        linkBroadcast.setPacketType(Packet.BROADCAST);
        quiet.add(linkBroadcast);
        Packet linkMulticast = marked(udp().build(), IP);
        linkMulticast.setPacketType(Packet.MULTICAST);
        quiet.add(linkMulticast);
        quiet.add(Harness.packet(udp().build()));                                           // no annotation
        Packet cut = marked(udp().build(), IP);
        cut.setLength(IP + 19);
        quiet.add(cut);
        return quiet;
    }

    @Test
    void sourceRouteIsReversed() throws Exception {
        byte[] opts = {(byte) 0x83, 15, 12, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 0};   // two hops visited
        byte[] f = udp().ipOptions(opts).build();
        try (Harness h = Harness.element("ICMPError(18.26.4.24, timeexceeded)")) {
            h.push(0, marked(f, IP));
            Packet q = error(h, 0);
            byte[] out = q.toByteArray();
            assertEquals(32, ihl(out, 0));
            assertArrayEquals(new byte[] {(byte) 0x83, 11, 4, 2, 2, 2, 2, 1, 1, 1, 1, 0},
                    Arrays.copyOfRange(out, 20, 32));
            assertEquals(32, q.networkHeaderLength());
            assertIpChecksumValid(out, 0);
            assertEquals(11, u8(out, 32));
            assertEquals(0, Checksum.of(out, 32, out.length - 32));
            assertArrayEquals(ipOf(f), Arrays.copyOfRange(out, 40, out.length));
            assertEquals(out.length, u16(out, 2));
        }
    }

    @Test
    void noRedirectForSourceRoutedPacketsAndNoRouteWhenItIsTheProblem() throws Exception {
        byte[] opts = {(byte) 0x89, 11, 8, 1, 1, 1, 1, 2, 2, 2, 2, 0};
        byte[] f = udp().ipOptions(opts).build();
        try (Harness h = Harness.element("ICMPError(18.26.4.24, redirect, host)")) {
            h.push(0, marked(f, IP));
            assertEquals(0, h.count(0));
        }
        try (Harness h = Harness.element("ICMPError(18.26.4.24, parameterproblem)")) {
            Packet p = marked(f, IP);
            p.setIcmpParamProb(22);     // the route's pointer
            h.push(0, p);
            Packet q = marked(f, IP);
            q.setIcmpParamProb(31);     // after the route
            h.push(0, q);
            assertEquals(20, ihl(h.outputBytes(0).get(0), 0));
            assertEquals(28, ihl(h.outputBytes(0).get(1), 0));
            assertArrayEquals(new byte[] {(byte) 0x89, 7, 4, 1, 1, 1, 1, 0},
                    Arrays.copyOfRange(h.outputBytes(0).get(1), 20, 28));
        }
    }

    @Test
    void poolExhaustionIsCounted() throws Exception {
        try (Harness h = Harness.element("ICMPError(18.26.4.24, timeexceeded)")) {
            Packet p = marked(udp().build(), IP);
            List<Packet> hoard = new ArrayList<>();
            try {
                for (Packet x; (x = PacketPool.alloc()) != null; ) {
                    hoard.add(x);
                }
                h.push(0, p);
                assertEquals(0, h.count(0));
                assertEquals("1", h.read("drops"));
            } finally {
                hoard.forEach(Packet::kill);
            }
        }
    }

    @Test
    void handlers() throws Exception {
        try (Harness h = Harness.element("ICMPError(18.26.4.24, unreachable, needfrag, PMTU 1400)")) {
            assertEquals("18.26.4.24", h.read("src"));
            assertEquals("576", h.read("mtu"));
            assertEquals("1400", h.read("pmtu"));
            h.write("src", "1.2.3.4");
            h.write("mtu", "68");
            h.write("pmtu", "1280");
            byte[] f = udp().payloadLength(100).build();
            h.push(0, marked(f, IP));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(68, out.length);
            assertEquals(0x01020304, u32(out, 12));
            assertEquals(1280, u16(out, 26));
            assertThrows(HandlerException.class, () -> h.write("mtu", "20"));
            assertThrows(HandlerException.class, () -> h.write("src", "nope"));
        }
    }

    @Test
    void typeAndCodeNamesAndNumbers() throws Exception {
        String[][] same = {
            {"unreachable, net", "3, 0"}, {"unreachable, port", "3, 3"}, {"unreachable, needfrag", "3, 4"},
            {"redirect, host", "5, 1"}, {"timeexceeded, transit", "11"}, {"timeexceeded, reassembly", "11, 1"},
            {"parameterproblem, erroratptr", "12, 0"}, {"sourcequench", "4"}, {"unreachable, filterprohibited", "3, 13"}
        };
        byte[] f = udp().build();
        for (String[] pair : same) {
            byte[][] outs = new byte[2][];
            for (int i = 0; i < 2; i++) {
                try (Harness h = Harness.element("ICMPError(18.26.4.24, " + pair[i] + ")")) {
                    h.push(0, marked(f, IP));
                    outs[i] = h.outputBytes(0).getFirst();
                }
            }
            assertArrayEquals(outs[1], outs[0], pair[0]);
        }
    }

    @Test
    void configurationErrors() {
        assertEquals("ICMP type 8 is not an error type", configError("ICMPError(1.2.3.4, echo)"));
        assertEquals("ICMP type 0 is not an error type", configError("ICMPError(1.2.3.4, 0)"));
        assertEquals("TYPE: expected ICMP type (integer 0-255 or name), got 'bogus'",
                configError("ICMPError(1.2.3.4, bogus)"));
        assertEquals("TYPE: expected ICMP type (integer 0-255 or name), got '256'", configError("ICMPError(1.2.3.4, 256)"));
        assertEquals("CODE: expected ICMP code (integer 0-255 or one of reassembly, transit), got 'needfrag'",
                configError("ICMPError(1.2.3.4, timeexceeded, needfrag)"));
        assertEquals("missing mandatory SRC argument", configError("ICMPError"));
        assertEquals("missing mandatory TYPE argument", configError("ICMPError(1.2.3.4)"));
        assertEquals("MTU: must be between 68 and 65535, got 40", configError("ICMPError(1.2.3.4, 3, MTU 40)"));
        assertEquals("BADADDRS: expected IPv4 address, got 'x'", configError("ICMPError(1.2.3.4, 3, 0, x)"));
    }
}
