package io.jmill.elements.ip;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.ip.IpTests.ipChecksum;
import static io.jmill.elements.ip.IpTests.ipOf;
import static io.jmill.elements.ip.IpTests.marked;
import static io.jmill.elements.ip.IpTests.transportChecksum;
import static io.jmill.elements.ip.IpTests.u16;
import static io.jmill.elements.ip.IpTests.u32;
import static io.jmill.elements.ip.IpTests.u8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IPInputCombo, IPMirror, Strip/UnstripIPHeader, MarkIPCE, SetIPDSCP, IPEncap, UDPIPEncap and the ping elements. */
class HostIpElementsTest {
    private static final int A = Addresses.ip("10.0.0.1");
    private static final int B = Addresses.ip("10.0.0.2");

    private static byte[] udpPacket() {
        return ipOf(FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 5678).payloadLength(10).build());
    }

    private static byte[] echoRequest(int id, int seq) {
        byte[] ip = ipOf(FrameBuilder.icmp().icmp(8, 0).src("10.0.0.1", 0).dst("10.0.0.2", 0).payloadLength(8).build());
        IpTests.put32(ip, 24, (id << 16) | seq);
        IpTests.put16(ip, 22, 0);
        IpTests.put16(ip, 22, Checksum.of(ip, 20, ip.length - 20));
        return ip;
    }

    @Test
    void ipInputComboPaintsStripsAndChecks() throws Exception {
        try (Harness h = Harness.element("IPInputCombo(3)", 1, 2)) {
            byte[] frame = FrameBuilder.udp().src("10.0.0.1", 1).dst("10.0.0.2", 2).frameLength(60).build();
            h.push(0, frame);
            byte[] bad = frame.clone();
            bad[14 + 10] ^= 1;
            h.push(0, bad);
            Packet p = h.output(0).getFirst();
            assertEquals(3, p.paint());
            assertEquals(0, p.networkHeaderOffset());
            assertEquals(B, p.dstIpAnno());
            assertEquals(u16(frame, 16), p.length(), "cut to the IP total length");
            assertEquals(1, h.count(1));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void ipMirrorSwapsAddressesAndPorts() throws Exception {
        try (Harness h = Harness.element("IPMirror")) {
            byte[] in = udpPacket();
            h.push(0, marked(in, 0));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(B, u32(out, 12));
            assertEquals(A, u32(out, 16));
            assertEquals(5678, u16(out, 20));
            assertEquals(1234, u16(out, 22));
            assertEquals(0, Checksum.of(out, 0, 20), "IP checksum still valid");
            assertEquals(u16(out, 26), transportChecksum(out, 0, 20, out.length - 20, 6), "UDP checksum still valid");
            assertEquals(A, h.output(0).getFirst().dstIpAnno());
        }
    }

    @Test
    void stripAndUnstripIPHeader() throws Exception {
        try (Harness h = Harness.graph("input -> StripIPHeader -> s :: Null -> UnstripIPHeader -> output", 1, 1)) {
            byte[] frame = FrameBuilder.udp().src("10.0.0.1", 1).dst("10.0.0.2", 2).frameLength(60).build();
            Packet p = Harness.packet(frame);
            p.setNetworkHeader(14, 20);
            h.push(0, p);
            assertArrayEquals(Arrays.copyOfRange(frame, 14, frame.length), h.outputBytes(0).getFirst());
        }
        try (Harness h = Harness.element("StripIPHeader")) {
            h.push(0, marked(udpPacket(), 0));
            assertEquals(18, h.output(0).getFirst().length(), "UDP header and payload left");
        }
    }

    @Test
    void markIPCEAndSetIPDSCPKeepTheChecksum() throws Exception {
        try (Harness h = Harness.element("MarkIPCE")) {
            byte[] ect = udpPacket();
            ect[1] = 0x02;
            IpTests.fixIpChecksum(ect, 0);
            h.push(0, marked(ect, 0));
            h.push(0, marked(udpPacket(), 0));
            assertEquals(1, h.count(0));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(3, out[1] & 3);
            assertEquals(ipChecksum(out, 0), u16(out, 10));
            assertEquals("1", h.read("drops"), "not ECN-capable: dropped");
        }
        try (Harness h = Harness.element("MarkIPCE(true)")) {
            h.push(0, marked(udpPacket(), 0));
            assertEquals(3, h.outputBytes(0).getFirst()[1] & 3, "FORCE marks it anyway");
        }
        try (Harness h = Harness.element("SetIPDSCP(46)")) {
            byte[] in = udpPacket();
            in[1] = 0x01;
            IpTests.fixIpChecksum(in, 0);
            h.push(0, marked(in, 0));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals((46 << 2) | 1, out[1] & 0xFF, "DSCP set, ECN kept");
            assertEquals(ipChecksum(out, 0), u16(out, 10));
            assertEquals("46", h.read("dscp"));
        }
    }

    @Test
    void ipEncapAndUdpIpEncapBuildValidHeaders() throws Exception {
        try (Harness h = Harness.element("IPEncap(4, 10.0.0.1, 10.0.0.2, DSCP 10, ECT true, TTL 9, DF true)")) {
            byte[] inner = udpPacket();
            h.push(0, inner);
            h.push(0, inner);
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(0x45, u8(out, 0));
            assertEquals((10 << 2) | 2, u8(out, 1));
            assertEquals(inner.length + 20, u16(out, 2));
            assertEquals(0x4000, u16(out, 6));
            assertEquals(9, u8(out, 8));
            assertEquals(4, u8(out, 9));
            assertEquals(0, Checksum.of(out, 0, 20));
            assertEquals(A, u32(out, 12));
            assertEquals(B, u32(out, 16));
            assertArrayEquals(inner, Arrays.copyOfRange(out, 20, out.length));
            assertEquals(u16(out, 4) + 1, u16(h.outputBytes(0).get(1), 4), "a fresh IP id per packet");
            assertEquals(0, h.output(0).getFirst().networkHeaderOffset());
        }
        try (Harness h = Harness.element("IPEncap(udp, 1.2.3.4, DST_ANNO)")) {
            Packet p = Harness.packet(new byte[8]);
            p.setDstIpAnno(B);
            h.push(0, p);
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(17, u8(out, 9));
            assertEquals(B, u32(out, 16));
            assertEquals(250, u8(out, 8), "Click's default TTL");
        }
        try (Harness h = Harness.element("UDPIPEncap(10.0.0.1, 1234, 10.0.0.2, 5678)")) {
            h.push(0, "hello".getBytes());
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(33, out.length);
            assertEquals(0, Checksum.of(out, 0, 20));
            assertEquals(13, u16(out, 24));
            assertEquals(u16(out, 26), transportChecksum(out, 0, 20, 13, 6));
            assertEquals(1234, u16(out, 20));
            assertEquals(5678, u16(out, 22));
        }
    }

    @Test
    void pingResponderAnswersEchoRequests() throws Exception {
        try (Harness h = Harness.element("ICMPPingResponder", 1, 2)) {
            h.push(0, marked(echoRequest(7, 1), 0));
            h.push(0, marked(udpPacket(), 0));
            assertEquals(1, h.count(1));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(B, u32(out, 12));
            assertEquals(A, u32(out, 16));
            assertEquals(0, u8(out, 20), "echo reply");
            assertEquals(0, Checksum.of(out, 0, 20));
            assertEquals(0, Checksum.of(out, 20, out.length - 20));
            assertEquals((7 << 16) | 1, u32(out, 24));
        }
    }

    @Test
    void pingEncapAndSourceMakeRequestsThatTheResponderAnswers() throws Exception {
        try (Harness h = Harness.element("ICMPPingEncap(10.0.0.1, 10.0.0.2, IDENTIFIER 9)")) {
            h.push(0, new byte[] {1, 2, 3, 4});
            h.push(0, new byte[] {1, 2, 3, 4});
            byte[] out = h.outputBytes(0).get(1);
            assertEquals(32, out.length);
            assertEquals(0, Checksum.of(out, 0, 20));
            assertEquals(0, Checksum.of(out, 20, 12));
            assertEquals(0x0800, u16(out, 20));
            assertEquals((9 << 16) | 2, u32(out, 24), "identifier and sequence 2");
        }
        // the source's requests go through a responder and come back as replies
        try (Harness h = Harness.graph("ping :: ICMPPingSource(10.0.0.2, 10.0.0.1, IDENTIFIER 5, LIMIT 3, INTERVAL 1s)"
                + " -> ICMPPingResponder -> ping", 0, 0)) {
            long[] now = {1_000_000_000L};
            var source = (ICMPPingSource) h.router().element("e/ping");
            source.period().useClock(() -> now[0]);
            assertEquals(1, h.runTask("e/ping"), "the first request at once");
            assertEquals(0, h.runTask("e/ping"));
            now[0] += 1_000_000_000L;
            assertEquals(1, h.runTask("e/ping"));
            assertEquals("2", h.read("e/ping.count"));
            assertEquals("2", h.read("e/ping.received"));
            assertTrue(h.read("e/ping.summary").startsWith("2 packets transmitted, 2 received, 0% packet loss\nrtt min/avg/max/mdev = "),
                    h.read("e/ping.summary"));
        }
    }
}
