package io.jmill.elements.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClassifierTest {
    private static final String ETHER = "Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -)";

    /** An ARP frame: Ethernet header, then htype/ptype/hlen/plen and the opcode at offset 20. */
    static byte[] arp(int opcode) {
        byte[] f = new byte[42];
        f[12] = 0x08;
        f[13] = 0x06;
        f[14] = 0;
        f[15] = 1;
        f[16] = 0x08;
        f[17] = 0;
        f[18] = 6;
        f[19] = 4;
        f[20] = (byte) (opcode >> 8);
        f[21] = (byte) opcode;
        return f;
    }

    static byte[] ethertype(int type, int length) {
        byte[] f = new byte[length];
        f[12] = (byte) (type >> 8);
        f[13] = (byte) type;
        return f;
    }

    /** Pushes each frame and returns the output port it came out of (-1: dropped). */
    static int[] classify(Harness h, int noutputs, byte[]... frames) {
        int[] ports = new int[frames.length];
        for (int i = 0; i < frames.length; i++) {
            int[] before = new int[noutputs];
            for (int k = 0; k < noutputs; k++) {
                before[k] = h.count(k);
            }
            h.push(0, frames[i]);
            ports[i] = -1;
            for (int k = 0; k < noutputs; k++) {
                if (h.count(k) > before[k]) {
                    ports[i] = k;
                }
            }
        }
        return ports;
    }

    @Test
    void clickManualExampleSortsArpAndIp() throws Exception {
        try (Harness h = Harness.element(ETHER, 1, 4)) {
            byte[] ip = FrameBuilder.udp().build();
            int[] ports = classify(h, 4, arp(1), arp(2), arp(3), ip, ethertype(0x86DD, 60), ethertype(0x0806, 20));
            // A 20-byte ARP frame is too short for the opcode test: it falls through to '-'.
            assertArrayEquals(new int[] {0, 1, 3, 2, 3, 3}, ports);
            assertArrayEquals(ip, h.outputBytes(2).get(0), "packets pass unchanged");
            assertEquals("0 1\n1 1\n2 1\n3 3\nnomatch 0\n", h.read("hits"));
        }
    }

    @Test
    void programHandlerShowsTheDecisionTree() throws Exception {
        try (Harness h = Harness.element(ETHER, 1, 4)) {
            // The same four steps as Click's manual page shows for this configuration, in Click's format.
            assertEquals("""
                     0  12/08060000%ffff0000  yes->step 1  no->step 3
                     1  20/00010000%ffff0000  yes->[0]  no->step 2
                     2  20/00020000%ffff0000  yes->[1]  no->[3]
                     3  12/08000000%ffff0000  yes->[2]  no->[3]
                    safe length 22
                    alignment offset 0
                    """, h.read("program"));
        }
        try (Harness h = Harness.element("Classifier(-)", 1, 1)) {
            assertEquals("all->[0]\nsafe length 0\nalignment offset 0\n", h.read("program"));
        }
    }

    @Test
    void unmatchedPacketsAreDroppedAndCounted() throws Exception {
        try (Harness h = Harness.element("Classifier(12/0800, 12/86dd)", 1, 2)) {
            int[] ports = classify(h, 2, ethertype(0x0800, 60), ethertype(0x0806, 60), ethertype(0x86DD, 60),
                    new byte[5], new byte[0]);
            assertArrayEquals(new int[] {0, -1, 1, -1, -1}, ports);
            assertEquals("3", h.read("drops"));
            assertEquals("0 1\n1 1\nnomatch 3\n", h.read("hits"));
            h.write("reset_counts", "");
            assertEquals("0", h.read("drops"));
            assertEquals("0 0\n1 0\nnomatch 0\n", h.read("hits"));
        }
    }

    @Test
    void negationWildcardsAndMasks() throws Exception {
        try (Harness h = Harness.element("Classifier(!12/0800 0/ff, 12/08??, 14/40%f0 23/06, 14/4?%f0, -)", 1, 5)) {
            byte[] bcastArp = ethertype(0x0806, 60);
            bcastArp[0] = (byte) 0xFF;
            byte[] tcp = FrameBuilder.tcp().build();
            byte[] bcastIp = FrameBuilder.udp().build();
            bcastIp[0] = (byte) 0xFF;
            byte[] ipv6 = ethertype(0x86DD, 60);
            byte[] ipUdp = FrameBuilder.udp().build();
            int[] ports = classify(h, 5, bcastArp, tcp, bcastIp, ipv6, ipUdp);
            // bcastIp has type 0800: pattern 0 fails (its '!' clause), pattern 1 (08??) matches.
            assertArrayEquals(new int[] {0, 1, 1, 4, 1}, ports);
        }
        try (Harness h = Harness.element("Classifier(14/40%f0 23/06, 14/4?%f0 23/11, -)", 1, 3)) {
            assertArrayEquals(new int[] {0, 1, 2},
                    classify(h, 3, FrameBuilder.tcp().build(), FrameBuilder.udp().build(), FrameBuilder.icmp().build()));
        }
    }

    @Test
    void longValuesSpanSeveralTests() throws Exception {
        try (Harness h = Harness.element("Classifier(0/ffffffffffff, 6/020000000001 12/0800, -)", 1, 3)) {
            byte[] bcast = FrameBuilder.udp().dstMac("ff:ff:ff:ff:ff:ff").build();
            byte[] fromOne = FrameBuilder.udp().build();
            byte[] fromOther = FrameBuilder.udp().srcMac("02:00:00:00:01:01").build();
            assertArrayEquals(new int[] {0, 1, 2}, classify(h, 3, bcast, fromOne, fromOther));
            assertEquals("""
                     0   0/ffffffff%ffffffff  yes->step 1  no->step 2
                     1   4/ffff0000%ffff0000  yes->[0]  no->step 2
                     2   6/02000000%ffffffff  yes->step 3  no->[2]
                     3   8/00000001%0000ffff  yes->step 4  no->[2]
                     4  12/08000000%ffff0000  yes->[1]  no->[2]
                    safe length 14
                    alignment offset 0
                    """, h.read("program"));
        }
    }

    @Test
    void shortPacketsFailClausesButNotDontCareBytes() throws Exception {
        try (Harness h = Harness.element("Classifier(12/08??, !30/11, -)", 1, 3)) {
            byte[] thirteen = Arrays.copyOf(ethertype(0x0800, 60), 13);
            byte[] twelve = new byte[12];
            // 12/08?? only compares byte 12; "!30/11" is true when byte 30 is missing.
            assertArrayEquals(new int[] {0, 1, 1}, classify(h, 3, thirteen, twelve, new byte[0]));
        }
        try (Harness h = Harness.element("Classifier(0/01020304, 1/020304, 2/0304, -)", 1, 4)) {
            byte[] four = {1, 2, 3, 4};
            byte[] three = {9, 2, 3, 4};
            byte[] two = {9, 9, 3, 4};
            assertArrayEquals(new int[] {0, 1, 2, 3, 3, 3},
                    classify(h, 4, four, three, two, Arrays.copyOf(four, 3), Arrays.copyOf(three, 3), new byte[1]));
        }
    }

    @Test
    void noLeaksWithManyPackets() throws Exception {
        try (Harness h = Harness.element("Classifier(12/0800, 12/0806)", 1, 2)) {
            for (int i = 0; i < 1000; i++) {
                h.push(0, i % 3 == 0 ? ethertype(0x0800, 60) : i % 3 == 1 ? arp(1) : new byte[7]);
                if (i % 100 == 99) {
                    h.clearOutputs();
                }
            }
            assertEquals("0 334\n1 333\nnomatch 333\n", h.read("hits"));
            assertEquals(0, h.leaked() - h.count(0) - h.count(1));
        }
    }

    static List<String> errors(String decl, int nout) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl, 1, nout).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }

    @Test
    void badPatternsAreReportedWithTheirNumber() {
        assertEquals(List.of("pattern 1: value has odd number of hex digits in '12/080'"),
                errors("Classifier(12/0800, 12/080)", 2));
        assertEquals(List.of("pattern 0: value has less than 2 hex digits in '12/'"), errors("Classifier(12/)", 1));
        assertEquals(List.of("pattern 0: mask has too few hex digits in '12/0800%ff'"),
                errors("Classifier(12/0800%ff)", 1));
        assertEquals(List.of("pattern 0: mask has too many hex digits in '12/08%ffff'"),
                errors("Classifier(12/08%ffff)", 1));
        assertEquals(List.of("pattern 0: expected '/' after offset 12, got end of pattern"),
                errors("Classifier(12)", 1));
        assertEquals(List.of("pattern 0: expected offset (decimal digits), got 'x'"), errors("Classifier(x/08)", 1));
        assertEquals(List.of("pattern 0: unexpected 'g' in clause '12/08g' (values and masks are hex digits or '?')"),
                errors("Classifier(12/08g)", 1));
        assertEquals(List.of("pattern 0: offset 70000 too large (at most 65535)"), errors("Classifier(70000/08)", 1));
        assertEquals(List.of("pattern 0: expected offset (decimal digits), got end of pattern"),
                errors("Classifier(!)", 1));
        assertEquals(List.of("pattern 0: value has less than 2 hex digits in '12/'",
                        "pattern 2: value has odd number of hex digits in '1/080'"),
                errors("Classifier(12/, 12/08, 1/080)", 3));
    }

    @Test
    void needsOnePatternPerOutput() throws Exception {
        assertEquals(List.of("need 2 arguments, one per output port (got 3)"),
                errors("Classifier(12/0800, 12/0806, -)", 2));
        assertEquals(List.of("need 3 arguments, one per output port (got 1)"), errors("Classifier(-)", 3));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Harness.element("Classifier(12/0800, 13)", 1, 2).close());
        assertEquals("<harness>:1:1: e: pattern 1: expected '/' after offset 13, got end of pattern",
                e.errors().get(0).toString());
    }
}
