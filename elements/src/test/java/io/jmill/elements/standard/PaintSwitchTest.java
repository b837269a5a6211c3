package io.jmill.elements.standard;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jmill.elements.standard.VLANEncapTest.errors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** PaintSwitch, RoundRobinSwitch and HashSwitch: which packet goes to which port. */
class PaintSwitchTest {
    private static final byte[] FRAME = FrameBuilder.udp().frameLength(60).build();

    private static Packet painted(int color) {
        Packet p = Harness.packet(FRAME);
        p.setPaint(color);
        return p;
    }

    private static int[] counts(Harness h, int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = h.count(i);
        }
        return c;
    }

    @Test
    void paintSelectsTheOutput() throws Exception {
        try (Harness h = Harness.element("PaintSwitch", 1, 3)) {
            int[] colors = {0, 1, 2, 2, 1, 0, 0};
            for (int c : colors) {
                h.push(0, painted(c));
            }
            assertArrayEquals(new int[] {3, 2, 2}, counts(h, 3));
            for (int port = 0; port < 3; port++) {
                for (Packet p : h.output(port)) {
                    assertEquals(port, p.paint());
                }
            }
        }
    }

    @Test
    void colorsWithoutAnOutputAreDropped() throws Exception {
        try (Harness h = Harness.element("PaintSwitch", 1, 2)) {
            h.push(0, painted(2));
            h.push(0, painted(254));
            h.push(0, painted(1));
            assertArrayEquals(new int[] {0, 1}, counts(h, 2));
            assertEquals("0", h.read("drops"), "unroutable colors are not pool drops");
        }   // close() fails if the dropped packets leaked
    }

    @Test
    void color255GoesToEveryOutput() throws Exception {
        try (Harness h = Harness.element("PaintSwitch", 1, 3)) {
            Packet in = painted(255);
            h.push(0, in);
            assertArrayEquals(new int[] {1, 1, 1}, counts(h, 3));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(FRAME, h.outputBytes(i).getFirst());
            }
            assertNotSame(h.output(0).getFirst(), h.output(1).getFirst());
            assertEquals(in, h.output(2).getFirst(), "the last output gets the original");
        }
    }

    @Test
    void color255CountsCopiesThePoolCannotMake() throws Exception {
        try (Harness h = Harness.element("PaintSwitch", 1, 3)) {
            Packet in = painted(255);
            List<Packet> hog = new ArrayList<>();
            try {
                for (Packet p; (p = PacketPool.alloc()) != null; ) {
                    hog.add(p);
                }
                h.push(0, in);
            } finally {
                hog.forEach(Packet::kill);
            }
            assertArrayEquals(new int[] {0, 0, 1}, counts(h, 3));
            assertEquals("2", h.read("drops"));
        }
    }

    @Test
    void annoReadsAnotherOneByteAnnotation() throws Exception {
        try (Harness h = Harness.element("PaintSwitch(ANNO PAINTSWITCH_TEST_COLOR)", 1, 4)) {
            MetadataField f = MetadataField.byName("paintswitch_test_color");
            assertEquals(1, f.size());
            Packet p = painted(0);
            p.setAnno(f, 3);
            h.push(0, p);
            assertArrayEquals(new int[] {0, 0, 0, 1}, counts(h, 4));
        }
        try (Harness h = Harness.element("PaintSwitch(ANNO ICMP_PARAM_PROB)", 1, 2)) {
            Packet p = painted(0);
            p.setIcmpParamProb(1);
            h.push(0, p);
            assertArrayEquals(new int[] {0, 1}, counts(h, 2));
        }
    }

    @Test
    void annoMustBeAOneByteAnnotation() {
        assertEquals(List.of("ANNO: expected a one-byte annotation name such as PAINT, got 'AGGREGATE'"),
                errors("PaintSwitch(ANNO AGGREGATE)"));
        assertEquals(List.of("ANNO: expected a one-byte annotation name such as PAINT, got '20'"),
                errors("PaintSwitch(20)"));
    }

    // ------------------------------------------------------------------ RoundRobinSwitch

    @Test
    void roundRobinCyclesOverTheOutputs() throws Exception {
        try (Harness h = Harness.element("RoundRobinSwitch", 1, 3)) {
            for (int i = 0; i < 7; i++) {
                Packet p = painted(i);
                h.push(0, p);
            }
            assertArrayEquals(new int[] {3, 2, 2}, counts(h, 3));
            int[][] expected = {{0, 3, 6}, {1, 4}, {2, 5}};
            for (int port = 0; port < 3; port++) {
                assertArrayEquals(expected[port], h.output(port).stream().mapToInt(Packet::paint).toArray());
            }
        }
    }

    @Test
    void roundRobinMaxLimitsTheCycle() throws Exception {
        try (Harness h = Harness.element("RoundRobinSwitch(2)", 1, 3)) {
            for (int i = 0; i < 5; i++) {
                h.push(0, painted(i));
            }
            assertArrayEquals(new int[] {3, 2, 0}, counts(h, 3));
            assertEquals("2", h.read("max"));
            h.write("max", "3");
            // The next is output 1 (after 0 1 0 1 0), then 2, then 0.
            for (int i = 0; i < 3; i++) {
                h.push(0, painted(i));
            }
            assertArrayEquals(new int[] {4, 3, 1}, counts(h, 3));
            h.write("max", "1");
            h.push(0, painted(0));
            h.push(0, painted(0));
            assertArrayEquals(new int[] {6, 3, 1}, counts(h, 3));
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("max", "4"));
            assertEquals("max: must be between 1 and 3, got 4", e.getMessage());
        }
    }

    @Test
    void roundRobinMaxMustFitTheOutputs() {
        assertEquals(List.of("MAX: must be between 1 and 1, got 2"), errors("RoundRobinSwitch(2)"));
        assertEquals(List.of("MAX: must be between 1 and 1, got 0"), errors("RoundRobinSwitch(MAX 0)"));
    }

    // ------------------------------------------------------------------ HashSwitch

    private static byte[] withDst(int a, int b, int c, int d) {
        return FrameBuilder.udp().dst(a + "." + b + "." + c + "." + d, 80).frameLength(60).build();
    }

    @Test
    void hashSwitchModuloForOtherOutputCounts() throws Exception {
        // Three outputs: the sum of the destination address bytes, modulo 3.
        try (Harness h = Harness.element("HashSwitch(30, 4)", 1, 3)) {
            int[][] dsts = {{10, 0, 0, 1}, {10, 0, 0, 2}, {10, 0, 0, 3}, {1, 1, 1, 1}, {200, 100, 50, 25}};
            int[] expected = {2, 0, 1, 1, 0}; // 11, 12, 13, 4, 375
            for (int[] d : dsts) {
                h.push(0, withDst(d[0], d[1], d[2], d[3]));
            }
            for (int i = 0; i < dsts.length; i++) {
                int port = expected[i];
                int[] d = dsts[i];
                assertEquals(1, h.outputBytes(port).stream().filter(b -> (b[30] & 0xFF) == d[0] && (b[31] & 0xFF) == d[1]
                        && (b[32] & 0xFF) == d[2] && (b[33] & 0xFF) == d[3]).count(), "packet " + i);
            }
            assertArrayEquals(new int[] {2, 2, 1}, counts(h, 3));
        }
    }

    @Test
    void hashSwitchFoldsForTwoFourAndEightOutputs() throws Exception {
        // Four outputs: (d ^ (d >> 4)) & 3.  d = 11 -> 11 ^ 0 = 11 -> 3;  d = 20 -> 20 ^ 1 = 21 -> 1;
        // d = 375 -> 375 ^ 23 = 352 -> 0;  d = 34 -> 34 ^ 2 = 32 -> 0; d = 6 -> 6 -> 2.
        try (Harness h = Harness.element("HashSwitch(30, 4)", 1, 4)) {
            h.push(0, withDst(10, 0, 0, 1));
            h.push(0, withDst(10, 0, 0, 10));
            h.push(0, withDst(200, 100, 50, 25));
            h.push(0, withDst(10, 20, 2, 2));
            h.push(0, withDst(1, 2, 3, 0));
            assertArrayEquals(new int[] {2, 1, 1, 1}, counts(h, 4));
            assertEquals(10, h.outputBytes(1).getFirst()[33]);
            assertEquals(1, h.outputBytes(3).getFirst()[33]);
            assertEquals(1, h.outputBytes(2).getFirst()[30]);
        }
        assertEquals(3, HashSwitch.output(11, 4));
        assertEquals(1, HashSwitch.output(20, 2));
        assertEquals(0, HashSwitch.output(375, 8));
        assertEquals(375 % 5, HashSwitch.output(375, 5));
        assertEquals(0, HashSwitch.output(12345, 1));
    }

    @Test
    void hashSwitchSendsShortPacketsToOutputZero() throws Exception {
        try (Harness h = Harness.element("HashSwitch(30, 4)", 1, 3)) {
            h.push(0, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1});
            byte[] b34 = new byte[34];
            b34[33] = 2; // sum 2 -> output 2
            h.push(0, b34);
            assertArrayEquals(new int[] {1, 0, 1}, counts(h, 3));
        }
    }

    @Test
    void hashSwitchConfigurationErrors() {
        assertEquals(List.of("LENGTH: must be > 0"), errors("HashSwitch(0, 0)"));
        assertEquals(List.of("missing mandatory LENGTH argument"), errors("HashSwitch(0)"));
        assertEquals(List.of("missing mandatory OFFSET argument", "missing mandatory LENGTH argument"),
                errors("HashSwitch"));
        assertEquals(List.of("OFFSET: must be between 0 and 2147483647, got -1"), errors("HashSwitch(-1, 4)"));
    }
}
