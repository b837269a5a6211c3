package io.jmill.elements.ip;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

class IPOutputComboTest {
    private static final int IP = ETH;
    private static final String COMBO = "IPOutputCombo(2, 10.0.0.1, 100)";

    private static byte[] decremented(byte[] f) {
        byte[] e = f.clone();
        e[IP + 8]--;
        fixIpChecksum(e, IP);
        return e;
    }

    private static void assertOnly(Harness h, int port) {
        for (int i = 0; i < 5; i++) {
            assertEquals(i == port ? 1 : 0, h.count(i), "output " + i);
        }
    }

    @Test
    void normalPacketsLeaveOnOutput0WithTheTtlDecremented() throws Exception {
        byte[] f = udp().ttl(30).build();
        try (Harness h = Harness.element(COMBO)) {
            h.push(0, marked(f, IP));
            assertOnly(h, 0);
            assertArrayEquals(decremented(f), h.outputBytes(0).getFirst());
            assertIpChecksumValid(h.outputBytes(0).getFirst(), IP);
        }
    }

    @Test
    void paintedPacketsAreCopiedToOutput1AndCarryOn() throws Exception {
        byte[] f = udp().ttl(30).build();
        try (Harness h = Harness.element(COMBO)) {
            Packet p = marked(f, IP);
            p.setPaint(2);
            h.push(0, p);
            Packet other = marked(f, IP);
            other.setPaint(3);
            h.push(0, other);
            assertEquals(1, h.count(1));
            assertArrayEquals(f, h.outputBytes(1).getFirst(), "the copy is taken before any change");
            assertEquals(2, h.output(1).getFirst().paint());
            assertEquals(2, h.count(0));
            assertArrayEquals(decremented(f), h.outputBytes(0).get(0));
        }
    }

    @Test
    void badOptionsGoToOutput2() throws Exception {
        byte[] f = udp().ipOptions(new byte[] {7, 7, 2, 0, 0, 0, 0, 0}).build();
        try (Harness h = Harness.element(COMBO)) {
            h.push(0, marked(f, IP));
            assertOnly(h, 2);
            assertArrayEquals(f, h.outputBytes(2).getFirst());
            assertEquals(22, h.output(2).getFirst().icmpParamProb());
        }
    }

    @Test
    void recordRouteAndFixIpSrcThenTtl() throws Exception {
        byte[] f = udp().ttl(9).ipOptions(new byte[] {7, 7, 4, 0, 0, 0, 0, 0}).build();
        byte[] expected = f.clone();
        put32(expected, IP + 20 + 3, 0x0A000001);
        expected[IP + 20 + 2] = 8;
        put32(expected, IP + 12, 0x0A000001);
        expected[IP + 8] = 8;
        fixIpChecksum(expected, IP);
        try (Harness h = Harness.element(COMBO)) {
            Packet p = marked(f, IP);
            p.setFixIpSrc(true);
            h.push(0, p);
            assertOnly(h, 0);
            assertArrayEquals(expected, h.outputBytes(0).getFirst());
            assertFalse(h.output(0).getFirst().fixIpSrc());
        }
    }

    @Test
    void expiredPacketsGoToOutput3() throws Exception {
        byte[] f = udp().ttl(1).build();
        try (Harness h = Harness.element(COMBO)) {
            h.push(0, marked(f, IP));
            assertOnly(h, 3);
            assertArrayEquals(f, h.outputBytes(3).getFirst());
        }
    }

    @Test
    void packetsLongerThanTheMtuGoToOutput4() throws Exception {
        byte[] f = udp().frameLength(101).ttl(5).build();
        byte[] fits = udp().frameLength(100).ttl(5).build();
        try (Harness h = Harness.element(COMBO)) {
            h.push(0, marked(f, IP));
            assertArrayEquals(decremented(f), h.outputBytes(4).getFirst());
            h.push(0, marked(fits, IP));
            assertEquals(1, h.count(0));
        }
    }

    @Test
    void broadcastsAndUnmarkedPacketsAreDropped() throws Exception {
        try (Harness h = Harness.element(COMBO)) {
            Packet b = marked(udp().build(), IP);
            b.setPacketType(Packet.BROADCAST);
            h.push(0, b);
            h.push(0, udp().build());
            h.push(0, marked(Arrays.copyOf(udp().build(), IP + 10), IP));
            for (int i = 0; i < 5; i++) {
                assertEquals(0, h.count(i));
            }
            assertEquals("3", h.read("drops"));
        }
    }

    @Test
    void configurationErrors() {
        assertEquals("missing mandatory MTU argument", configError("IPOutputCombo(1, 10.0.0.1)"));
        assertEquals("COLOR: must be between 0 and 255, got 256", configError("IPOutputCombo(256, 10.0.0.1, 1500)"));
    }
}
