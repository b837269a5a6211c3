package io.jmill.elements.nat;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.nat.Frames.IP;
import static io.jmill.elements.nat.Frames.L4;
import static io.jmill.elements.nat.Frames.assertChecksums;
import static io.jmill.elements.nat.Frames.assertIpChecksum;
import static io.jmill.elements.nat.Frames.ip;
import static io.jmill.elements.nat.Frames.u16;
import static io.jmill.elements.nat.Frames.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IPAddrRewriterTest {
    private static final long S = 1_000_000_000L;

    private static String src(byte[] frame) {
        return Addresses.ipString(u32(frame, IP + 12));
    }

    private static String dst(byte[] frame) {
        return Addresses.ipString(u32(frame, IP + 16));
    }

    @Test
    void sourcesGetSequentialAddressesAndRepliesFindTheirHost() throws Exception {
        try (Harness h = Harness.element("IPAddrRewriter(pattern 3.0.0.1-3.0.0.255# - 0 1, drop)", 2, 2)) {
            h.push(0, ip(FrameBuilder.tcp().src("1.0.0.1", 1000).dst("9.9.9.9", 80).build()));
            h.push(0, ip(FrameBuilder.udp().src("1.0.0.2", 1000).dst("9.9.9.8", 53).payloadLength(20).build()));
            h.push(0, ip(FrameBuilder.icmp().src("1.0.0.1", 0).dst("9.9.9.7", 0).build()));
            assertEquals(3, h.count(0));
            String[] wantSrc = {"3.0.0.1", "3.0.0.2", "3.0.0.1"};
            for (int i = 0; i < 3; i++) {
                byte[] out = h.outputBytes(0).get(i);
                assertEquals(wantSrc[i], src(out));
                assertIpChecksum(out);
            }
            assertChecksums(h.outputBytes(0).get(0));
            assertChecksums(h.outputBytes(0).get(1));
            assertEquals(1000, u16(h.outputBytes(0).get(0), L4), "ports are left alone");

            byte[] reply = FrameBuilder.tcp().src("9.9.9.9", 80).dst("3.0.0.1", 1000).build();
            h.push(1, ip(reply));
            byte[] back = h.outputBytes(1).getFirst();
            assertArrayEquals(FrameBuilder.tcp().src("9.9.9.9", 80).dst("1.0.0.1", 1000).build(), back);
            assertEquals(Addresses.ip("1.0.0.1"), h.output(1).getFirst().dstIpAnno());
            h.push(1, ip(FrameBuilder.tcp().src("9.9.9.9", 80).dst("3.0.0.9", 1000).build()));
            assertEquals(1, h.count(1), "a reply to an unmapped address is dropped");
            assertEquals("2", h.read("table_size"));
            assertEquals("1", h.read("drops"));
            assertEquals("3.0.0.1-3.0.0.255 - [2]\n<drop>\n", h.read("patterns"));
        }
    }

    @Test
    void pairRewriterMapsEachPairOnItsOwn() throws Exception {
        try (Harness h = Harness.element("IPAddrPairRewriter(pattern 3.0.0.1-3.0.0.255# - 0 0)", 1, 1)) {
            String[][] in = {{"1.0.0.1", "9.9.9.9"}, {"1.0.0.2", "9.9.9.8"}, {"1.0.0.1", "9.9.9.9"},
                    {"1.0.0.1", "9.9.9.7"}, {"9.9.9.6", "3.0.0.1"}, {"9.9.9.7", "3.0.0.3"}};
            for (String[] pair : in) {
                h.push(0, ip(FrameBuilder.udp().src(pair[0], 7).dst(pair[1], 7).build()));
            }
            String[][] want = {{"3.0.0.1", "9.9.9.9"}, {"3.0.0.2", "9.9.9.8"}, {"3.0.0.1", "9.9.9.9"},
                    {"3.0.0.3", "9.9.9.7"}, {"3.0.0.4", "3.0.0.1"}, {"9.9.9.7", "1.0.0.1"}};
            for (int i = 0; i < want.length; i++) {
                byte[] out = h.outputBytes(0).get(i);
                assertEquals(want[i][0], src(out), "packet " + i);
                assertEquals(want[i][1], dst(out), "packet " + i);
                assertChecksums(out);
            }
            assertEquals("(1.0.0.2, 9.9.9.8) => (3.0.0.2, 9.9.9.8) [*0 0] i0 exp7200\n"
                            + "(9.9.9.8, 3.0.0.2) => (9.9.9.8, 1.0.0.2) [0 *0] i0 exp7200\n",
                    h.read("table").lines().skip(2).limit(2).map(l -> l + "\n").reduce("", String::concat));
        }
    }

    @Test
    void replyAnnoAndExpiry() throws Exception {
        try (Harness h = Harness.element("IPAddrRewriter(pattern 3.0.0.1 - 0 1, drop, REPLY_ANNO PAINT, TIMEOUT 10)",
                2, 2)) {
            long[] now = {0};
            ((IPAddrRewriter) h.element()).setClock(() -> now[0]);
            Packet first = ip(FrameBuilder.udp().src("1.0.0.1", 1).dst("9.9.9.9", 2).build());
            first.setPaint(7);
            h.push(0, first);
            h.push(1, ip(FrameBuilder.udp().src("9.9.9.9", 2).dst("3.0.0.1", 1).build()));
            assertEquals(7, h.output(1).getFirst().paint());
            now[0] = 11 * S;
            h.push(1, ip(FrameBuilder.udp().src("9.9.9.9", 2).dst("3.0.0.1", 1).build()));
            assertEquals(1, h.count(1), "the mapping expired");
            assertEquals("0", h.read("size"));
        }
    }

    @Test
    void prefixesAndPatternErrors() throws Exception {
        try (Harness h = Harness.element("IPAddrRewriter(pattern 1.0.0.1/24 - 0 0, pattern 1.0.0.1/8 - 0 0,"
                + " pattern 1.0.0.1-1.0.255.255 - 0 0, pattern 1.0.0.1 - 0 0)", 4, 1)) {
            assertEquals("1.0.0.1-1.0.0.254 -\n1.0.0.1-1.255.255.254 -\n1.0.0.1-1.0.255.255 -\n1.0.0.1 -\n",
                    h.read("patterns"));
        }
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(
                "IPAddrRewriter(pattern 1.0.0.x - 0 0, pattern 1.255.0.0-1.0.255.255 - 0 0)", 2, 1).close());
        assertEquals("input spec 0: bad source address", e.errors().get(0).message());
        assertEquals("input spec 1: bad source address", e.errors().get(1).message());
        assertEquals("IPAddrRewriter", e.errors().get(0).configuring());
    }

    @Test
    void aPatternWithPortsMakesNoMapping() throws Exception {
        try (Harness h = Harness.element("IPAddrRewriter(pattern 1.0.0.1 1-65535 - - 0 0)", 1, 1)) {
            h.push(0, ip(FrameBuilder.udp().src("10.0.0.1", 1).dst("9.9.9.9", 2).build()));
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("mapping_failures"));
        }
    }
}
