package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

class DecIPTTLTest {
    private static final int IP = ETH;

    @Test
    void decrementsAndUpdatesTheChecksum() throws Exception {
        byte[] f = udp().ttl(64).build();
        byte[] expected = f.clone();
        expected[IP + 8] = 63;
        fixIpChecksum(expected, IP);
        try (Harness h = Harness.element("DecIPTTL", 1, 2)) {
            h.push(0, marked(f, IP));
            assertArrayEquals(expected, h.outputBytes(0).getFirst());
            assertIpChecksumValid(h.outputBytes(0).getFirst(), IP);
            assertEquals("0", h.read("drops"));
        }
    }

    @Test
    void ttlZeroAndOneExpireTtlTwoPasses() throws Exception {
        try (Harness h = Harness.element("DecIPTTL", 1, 2)) {
            for (int ttl : new int[] {0, 1, 2}) {
                h.push(0, marked(udp().ttl(ttl).build(), IP));
            }
            assertEquals(2, h.count(1));
            assertEquals(0, u8(h.outputBytes(1).get(0), IP + 8), "expired packets are unchanged");
            assertEquals(1, u8(h.outputBytes(1).get(1), IP + 8));
            assertEquals(1, h.count(0));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(1, u8(out, IP + 8));
            assertIpChecksumValid(out, IP);
            assertEquals("2", h.read("drops"));
        }
    }

    @Test
    void expiredPacketsAreDroppedWithoutOutput1() throws Exception {
        try (Harness h = Harness.element("DecIPTTL")) {
            h.push(0, marked(udp().ttl(1).build(), IP));
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("drops"));
        }
    }

    /** RFC 1624 incremental update equals a full recomputation, over random headers with options. */
    @Test
    void incrementalChecksumEqualsFullRecomputation() throws Exception {
        Random rnd = new Random(1624);
        try (Harness h = Harness.element("DecIPTTL", 1, 2)) {
            for (int i = 0; i < 5000; i++) {
                int ihl = 5 + rnd.nextInt(11);
                byte[] b = new byte[ihl * 4 + 8];
                rnd.nextBytes(b);
                b[0] = (byte) (0x40 | ihl);
                b[8] = (byte) (2 + rnd.nextInt(254));
                if (i % 7 == 0) {
                    // headers whose sum hits the carry and all-ones corner cases
                    java.util.Arrays.fill(b, 1, b.length, (byte) 0xFF);
                    b[8] = (byte) (2 + rnd.nextInt(254));
                } else if (i % 11 == 0) {
                    java.util.Arrays.fill(b, 1, b.length, (byte) 0);
                    b[8] = 2;
                }
                fixIpChecksum(b, 0);
                h.push(0, marked(b, 0));
                byte[] out = h.outputBytes(0).getLast();
                byte[] expected = b.clone();
                expected[8]--;
                fixIpChecksum(expected, 0);
                assertArrayEquals(expected, out, "header " + i);
                assertEquals(0, Checksum.of(out, 0, ihl * 4));
                if (i % 500 == 0) {
                    h.clearOutputs();
                }
            }
        }
    }

    @Test
    void activeHandlerAndKeyword() throws Exception {
        byte[] f = udp().ttl(1).build();
        try (Harness h = Harness.element("DecIPTTL(ACTIVE false)", 1, 2)) {
            assertEquals("false", h.read("active"));
            h.push(0, marked(f, IP));
            assertArrayEquals(f, h.outputBytes(0).getFirst(), "inactive: unchanged");
            h.write("active", "true");
            assertEquals("true", h.read("active"));
            h.push(0, marked(f, IP));
            assertEquals(1, h.count(1));
            assertThrows(HandlerException.class, () -> h.write("active", "maybe"));
        }
    }

    @Test
    void multicastFalseLeavesMulticastAlone() throws Exception {
        byte[] mc = udp().dst("224.0.0.5", 1).ttl(1).build();
        byte[] uc = udp().ttl(5).build();
        try (Harness h = Harness.element("DecIPTTL(MULTICAST false)", 1, 2)) {
            h.push(0, marked(mc, IP));
            h.push(0, marked(uc, IP));
            assertArrayEquals(mc, h.outputBytes(0).get(0));
            assertEquals(4, u8(h.outputBytes(0).get(1), IP + 8));
        }
        try (Harness h = Harness.element("DecIPTTL", 1, 2)) {
            h.push(0, marked(mc, IP));
            assertEquals(1, h.count(1));
        }
    }

    @Test
    void withoutNetworkHeaderTheDropIsCounted() throws Exception {
        try (Harness h = Harness.element("DecIPTTL", 1, 2)) {
            h.push(0, udp().build());
            h.push(0, marked(new byte[] {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17}, 0));   // header cut short
            assertEquals(0, h.count(0));
            assertEquals(0, h.count(1));
            assertEquals("2", h.read("drops"));
        }
    }

    @Test
    void worksPulled() throws Exception {
        try (Harness h = Harness.graph("input -> TQueue -> e :: DecIPTTL -> output; e[1] -> [1] output", 1, 2)) {
            h.push(0, marked(udp().ttl(9).build(), IP));
            h.push(0, marked(udp().ttl(1).build(), IP));
            assertNotNull(h.pull(0));
            assertNull(h.pull(0));
            assertEquals(8, u8(h.outputBytes(0).getFirst(), IP + 8));
            assertEquals(1, h.count(1));
        }
    }

    @Test
    void configurationErrors() {
        assertEquals("ACTIVE: expected boolean, got 'x'", configError("DecIPTTL(ACTIVE x)"));
        assertEquals("unknown keyword 'ACTVE' (did you mean ACTIVE?)", configError("DecIPTTL(ACTVE false)"));
    }
}
