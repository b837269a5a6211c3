package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jmill.elements.standard.TestPackets.filled;
import static io.jmill.elements.standard.TestPackets.seq;
import static io.jmill.elements.standard.VLANEncapTest.errors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Switching, sampling, paint, length and annotation elements. */
class SwitchElementsTest {

    private static Packet painted(int color) {
        Packet p = Harness.packet(seq(60));
        p.setPaint(color);
        return p;
    }

    @Test
    void switchSendsToItsSettableOutput() throws Exception {
        try (Harness h = Harness.element("Switch(1)", 1, 3)) {
            h.push(0, seq(60));
            h.write("switch", "2");
            h.push(0, seq(60));
            h.write("switch", "-1");
            h.push(0, seq(60));
            h.write("switch", "7");
            assertEquals("-1", h.read("switch"), "past the last output: -1, as in Click");
            h.push(0, seq(60));
            assertEquals(List.of(0, 1, 1), List.of(h.count(0), h.count(1), h.count(2)));
        }
        try (Harness h = Harness.element("StaticSwitch(1)", 1, 2)) {
            h.push(0, seq(60));
            assertEquals(1, h.count(1));
        }
        try (Harness h = Harness.element("StaticSwitch(-1)", 1, 2)) {
            h.push(0, seq(60));
            assertEquals(0, h.count(0) + h.count(1));
        }
    }

    @Test
    void pullSwitchesPullFromOneInput() throws Exception {
        try (Harness h = Harness.element("PullSwitch(1)", 2, 1)) {
            h.push(0, filled(10, 0));
            h.push(1, filled(10, 1));
            assertEquals(1, h.pull(0).u8(0));
            assertNull(h.pull(0));
            h.write("switch", "0");
            assertEquals(0, h.pull(0).u8(0));
            h.write("switch", "-1");
            assertNull(h.pull(0));
            h.output(0).forEach(Packet::kill);
        }
        try (Harness h = Harness.element("StaticPullSwitch(0)", 2, 1)) {
            h.push(0, filled(10, 0));
            h.push(1, filled(10, 1));
            Packet p = h.pull(0);
            assertEquals(0, p.u8(0));
            p.kill();
        }
    }

    @Test
    void schedulersPullByPriorityOrInTurn() throws Exception {
        try (Harness h = Harness.element("SimplePrioSched", 3, 1)) {
            h.push(2, filled(10, 2));
            h.push(1, filled(10, 1));
            h.push(1, filled(10, 1));
            int[] got = new int[4];
            for (int i = 0; i < 4; i++) {
                Packet p = h.pull(0);
                got[i] = p == null ? -1 : p.u8(0);
                if (p != null) {
                    p.kill();
                }
            }
            assertArrayEquals(new int[] {1, 1, 2, -1}, got);
        }
        try (Harness h = Harness.element("SimpleRoundRobinSched", 3, 1)) {
            for (int k = 0; k < 3; k++) {
                h.push(0, filled(10, 0));
                h.push(2, filled(10, 2));
            }
            h.push(1, filled(10, 1));
            int[] got = new int[8];
            for (int i = 0; i < 8; i++) {
                Packet p = h.pull(0);
                got[i] = p == null ? -1 : p.u8(0);
                if (p != null) {
                    p.kill();
                }
            }
            assertArrayEquals(new int[] {0, 1, 2, 0, 2, 0, 2, -1}, got);
        }
    }

    @Test
    void paintTeeCopiesPacketsOfItsColor() throws Exception {
        try (Harness h = Harness.element("PaintTee(7)", 1, 2)) {
            h.push(0, painted(7));
            h.push(0, painted(3));
            assertEquals(2, h.count(0));
            assertEquals(1, h.count(1));
            assertEquals(7, h.output(1).getFirst().paint());
            assertArrayEquals(seq(60), h.outputBytes(1).getFirst());
            assertEquals("0", h.read("drops"));
        }
        try (Harness h = Harness.element("PaintTee(5, ICMP_PARAM_PROB)", 1, 2)) {
            Packet p = painted(5);
            h.push(0, p);
            assertEquals(0, h.count(1), "the other annotation is compared");
        }
    }

    @Test
    void checkPaintAndCheckLengthSplit() throws Exception {
        try (Harness h = Harness.element("CheckPaint(2)", 1, 2)) {
            h.push(0, painted(2));
            h.push(0, painted(1));
            assertEquals(1, h.count(0));
            assertEquals(1, h.count(1));
            h.write("color", "1");
            h.push(0, painted(1));
            assertEquals(2, h.count(0));
        }
        try (Harness h = Harness.element("CheckLength(60)", 1, 2)) {
            h.push(0, seq(60));
            h.push(0, seq(61));
            assertEquals(1, h.count(0));
            assertEquals(1, h.count(1));
        }
        try (Harness h = Harness.graph("input -> Queue -> c :: CheckLength(60) -> output", 1, 1)) {
            h.push(0, seq(61));
            h.push(0, seq(60));
            assertNull(h.pull(0), "pulled, a long packet is dropped and the pull returns nothing");
            Packet p = h.pull(0);
            assertEquals(60, p.length());
            p.kill();
        }
    }

    @Test
    void truncateAndPadRestoreALength() throws Exception {
        try (Harness h = Harness.graph("input -> Truncate(20) -> Pad -> output", 1, 1)) {
            h.push(0, seq(60));
            h.push(0, seq(10));
            Packet p = h.output(0).getFirst();
            assertEquals(60, p.length(), "Pad adds back what Truncate cut, per the extra-length annotation");
            byte[] expected = new byte[60];
            System.arraycopy(seq(20), 0, expected, 0, 20);
            assertArrayEquals(expected, p.toByteArray());
            assertEquals(0, p.anno(MetadataField.byName("extra_length")));
            assertEquals(10, h.output(0).get(1).length());
        }
        try (Harness h = Harness.element("Truncate(20, EXTRA_LENGTH false)")) {
            h.push(0, seq(60));
            assertEquals(20, h.output(0).getFirst().length());
            assertEquals(0, h.output(0).getFirst().anno(MetadataField.byName("extra_length")));
        }
        try (Harness h = Harness.element("Pad(60)")) {
            h.push(0, filled(14, 0xff));
            h.push(0, seq(100));
            assertArrayEquals(concat(filled(14, 0xff), new byte[46]), h.outputBytes(0).getFirst());
            assertEquals(100, h.output(0).get(1).length());
        }
        try (Harness h = Harness.element("Pad(60, MAXLENGTH 80)")) {
            h.push(0, seq(100));
            assertEquals(80, h.output(0).getFirst().length());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void randomSampleSamplesWithItsProbability() throws Exception {
        try (Harness h = Harness.element("RandomSample(0.25, SEED 1)", 1, 2)) {
            for (int i = 0; i < 4000; i++) {
                h.push(0, seq(10));
                if (i % 500 == 0) {
                    h.clearOutputs();
                }
            }
            long drops = Long.parseLong(h.read("drops"));
            assertTrue(drops > 2800 && drops < 3200, "about 3/4 dropped: " + drops);
            assertEquals("0.25", h.read("sampling_prob"));
            assertEquals("0.75", h.read("drop_prob"));
            h.write("active", "false");
            h.clearOutputs();
            h.push(0, seq(10));
            assertEquals(1, h.count(0), "inactive: everything to output 0");
        }
        try (Harness h = Harness.element("RandomSample(DROP 1)")) {
            h.push(0, seq(10));
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("drops"));
        }
        assertEquals(List.of("give exactly one of P, SAMPLE and DROP"), errors("RandomSample"));
        assertTrue(errors("RandomSample(1.5)").getFirst().contains("between 0 and 1"), errors("RandomSample(1.5)").toString());
        HandlerException e = assertThrows(HandlerException.class, () -> {
            try (Harness h = Harness.element("RandomSample(0.5)")) {
                h.write("sampling_prob", "2");
            }
        });
        assertEquals("sampling_prob: must be between 0 and 1, got 2", e.getMessage());
    }

    @Test
    void randomSwitchUsesEveryOutput() throws Exception {
        try (Harness h = Harness.element("RandomSwitch(SEED 3)", 1, 3)) {
            for (int i = 0; i < 300; i++) {
                h.push(0, seq(10));
            }
            for (int k = 0; k < 3; k++) {
                assertTrue(h.count(k) > 60, "output " + k + ": " + h.count(k));
            }
        }
    }

    @Test
    void pullTeeCopiesWhatIsPulled() throws Exception {
        try (Harness h = Harness.graph("input -> t :: PullTee -> output; t[1] -> [1] output", 1, 2)) {
            h.push(0, seq(30));
            Packet p = h.pull(0);
            assertArrayEquals(seq(30), p.toByteArray());
            p.kill();
            assertEquals(1, h.count(1));
            assertArrayEquals(seq(30), h.outputBytes(1).getFirst());
        }
    }

    @Test
    void suppressorDropsSuppressedInputs() throws Exception {
        try (Harness h = Harness.element("Suppressor", 2, 2)) {
            h.push(0, seq(10));
            h.push(1, seq(10));
            h.write("suppress1", "");
            h.push(1, seq(10));
            assertEquals("false", h.read("active1"));
            h.write("reset", "");
            h.push(1, seq(10));
            assertEquals(List.of(1, 2), List.of(h.count(0), h.count(1)));
        }
    }

    @Test
    void annotationSetters() throws Exception {
        try (Harness h = Harness.element("SetPacketType(otherhost)")) {
            h.push(0, seq(10));
            assertEquals(Packet.OTHERHOST, h.output(0).getFirst().packetType());
        }
        assertTrue(errors("SetPacketType(NOPE)").getFirst().startsWith("TYPE: expected one of HOST"),
                errors("SetPacketType(NOPE)").toString());
        try (Harness h = Harness.element("SetAnnoByte(PAINT, 9)")) {
            h.push(0, seq(10));
            assertEquals(9, h.output(0).getFirst().paint());
            h.write("value", "4");
            h.push(0, seq(10));
            assertEquals(4, h.output(0).get(1).paint());
        }
        try (Harness h = Harness.graph("input -> SetAnnoByte(LIBTEST_CLASS, 1) -> ps :: PaintSwitch(LIBTEST_CLASS) -> output;"
                + " ps[1] -> [1] output", 1, 2)) {
            h.push(0, seq(10));
            assertEquals(0, h.count(0));
            assertEquals(1, h.count(1), "PaintSwitch reads the annotation SetAnnoByte set");
        }
    }

    @Test
    void randomSourceMakesRandomPackets() throws Exception {
        try (Harness h = Harness.element("RandomSource(100, LIMIT 40, BURST 32, SEED 5)")) {
            assertEquals(32, h.runTask("e"));
            assertEquals(8, h.runTask("e"));
            assertEquals(io.jmill.engine.runtime.Task.DONE, h.runTask("e"));
            List<byte[]> out = h.outputBytes(0);
            assertEquals(100, out.getFirst().length);
            assertTrue(!java.util.Arrays.equals(out.get(0), out.get(1)), "different data");
            assertEquals("40", h.read("count"));
        }
    }

    @Test
    void threadSafeQueueQueuesAndDrops() throws Exception {
        try (Harness h = Harness.graph("input -> q :: ThreadSafeQueue(2) -> output; q[1] -> [1] output", 1, 2)) {
            h.push(0, filled(10, 1));
            h.push(0, filled(10, 2));
            h.push(0, filled(10, 3));
            assertEquals(1, h.count(1), "the third does not fit");
            assertEquals("2", h.read("e/q.length"));
            assertEquals("1", h.read("e/q.drops"));
            Packet p = h.pull(0);
            assertEquals(1, p.u8(0));
            p.kill();
            assertEquals("2", h.read("e/q.highwater_length"));
            // the rest is freed when the harness closes
        }
    }
}
