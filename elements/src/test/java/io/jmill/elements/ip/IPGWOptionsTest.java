package io.jmill.elements.ip;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.ip.IpTests.*;
import static org.junit.jupiter.api.Assertions.*;

class IPGWOptionsTest {
    private static final int IP = ETH;
    private static final int OPT = IP + 20;
    private static final int ME = 0x0A000001;           // 10.0.0.1

    private static byte[] withOptions(int... bytes) {
        byte[] o = new byte[bytes.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = (byte) bytes[i];
        }
        return udp().ipOptions(o).build();
    }

    private static int midnightMillisNow() {
        return (int) (System.currentTimeMillis() % 86_400_000L);
    }

    @Test
    void packetsWithoutOptionsPassUnchanged() throws Exception {
        byte[] f = udp().build();
        try (Harness h = Harness.element("IPGWOptions(10.0.0.1)", 1, 2)) {
            h.push(0, marked(f, IP));
            assertArrayEquals(f, h.outputBytes(0).getFirst());
        }
    }

    @Test
    void recordRouteStoresMyAddressAndAdvancesThePointer() throws Exception {
        byte[] f = withOptions(1, 7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0);   // NOP, RR len 11 ptr 4: two slots
        byte[] expected = f.clone();
        put32(expected, OPT + 1 + 3, ME);
        expected[OPT + 1 + 2] = 8;
        fixIpChecksum(expected, IP);
        try (Harness h = Harness.element("IPGWOptions(10.0.0.1)", 1, 2)) {
            h.push(0, marked(f, IP));
            byte[] once = h.outputBytes(0).getFirst();
            assertArrayEquals(expected, once);
            assertIpChecksumValid(once, IP);
            h.push(0, marked(once, IP));
            byte[] twice = h.outputBytes(0).get(1);
            assertEquals(ME, u32(twice, OPT + 1 + 7));
            assertEquals(12, u8(twice, OPT + 1 + 2));
            h.push(0, marked(twice, IP));                   // full: unchanged
            assertArrayEquals(twice, h.outputBytes(0).get(2));
        }
    }

    @Test
    void timestampOnly() throws Exception {
        byte[] f = withOptions(68, 8, 5, 0, 0, 0, 0, 0);
        try (Harness h = Harness.element("IPGWOptions(10.0.0.1)", 1, 2)) {
            int before = midnightMillisNow();
            h.push(0, marked(f, IP));
            int after = midnightMillisNow();
            byte[] out = h.outputBytes(0).getFirst();
            int ts = u32(out, OPT + 4);
            assertTrue(after < before || (ts >= before && ts <= after), "timestamp " + ts);
            assertEquals(9, u8(out, OPT + 2));
            assertIpChecksumValid(out, IP);
            h.push(0, marked(out, IP));                     // full: overflow count 1
            byte[] full = h.outputBytes(0).get(1);
            assertEquals(0x10, u8(full, OPT + 3));
            assertEquals(9, u8(full, OPT + 2));
            assertIpChecksumValid(full, IP);
        }
    }

    @Test
    void timestampWithAddressAndPrespecified() throws Exception {
        byte[] addr = withOptions(68, 12, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        byte[] mine = withOptions(68, 20, 5, 3, 10, 0, 0, 9, 0, 0, 0, 0, 10, 0, 0, 1, 0, 0, 0, 0);
        byte[] notMine = withOptions(68, 12, 5, 3, 10, 0, 0, 8, 0, 0, 0, 0);
        try (Harness h = Harness.element("IPGWOptions(10.0.0.1, 10.0.0.9 10.0.0.7)", 1, 2)) {
            int before = midnightMillisNow();
            h.push(0, marked(addr, IP)).push(0, marked(mine, IP)).push(0, marked(notMine, IP));
            int after = midnightMillisNow();
            byte[] a = h.outputBytes(0).get(0);
            assertEquals(ME, u32(a, OPT + 4));
            assertEquals(13, u8(a, OPT + 2));
            byte[] m = h.outputBytes(0).get(1);
            assertEquals(13, u8(m, OPT + 2), "10.0.0.9 is one of OTHERADDRS");
            int ts = u32(m, OPT + 8);
            assertTrue(after < before || (ts >= before && ts <= after), "timestamp " + ts);
            assertEquals(0, u32(m, OPT + 16), "second slot untouched");
            h.push(0, marked(m, IP));
            byte[] m2 = h.outputBytes(0).get(3);
            assertEquals(21, u8(m2, OPT + 2), "10.0.0.1 is MYADDR");
            byte[] n = h.outputBytes(0).get(2);
            assertEquals(5, u8(n, OPT + 2), "not my address: pointer unchanged");
            assertEquals(0, u32(n, OPT + 8));
            assertIpChecksumValid(n, IP);
        }
    }

    @Test
    void badOptionsGoToOutput1WithTheParameterProblemPointer() throws Exception {
        byte[][] bad = {
            withOptions(7, 1, 4, 0),                    // length 1
            withOptions(1, 7, 9, 4, 0, 0, 0, 0),        // length 9 runs past the 8-byte options
            withOptions(7, 7, 2, 0, 0, 0, 0, 0),        // RR pointer 2
            withOptions(7, 7, 6, 0, 0, 0, 0, 0),        // RR pointer not on a slot
            withOptions(68, 8, 4, 0, 0, 0, 0, 0),       // TS pointer 4
            withOptions(68, 8, 5, 2, 0, 0, 0, 0),       // TS flag 2
            withOptions(68, 8, 9, 0xF0, 0, 0, 0, 0),    // TS full and overflow already 15
        };
        int[] pointers = {21, 22, 22, 22, 22, 23, 23};
        try (Harness h = Harness.element("IPGWOptions(10.0.0.1)", 1, 2)) {
            for (byte[] b : bad) {
                h.push(0, marked(b, IP));
            }
            assertEquals(0, h.count(0));
            assertEquals(bad.length, h.count(1));
            for (int i = 0; i < bad.length; i++) {
                Packet p = h.output(1).get(i);
                assertEquals(pointers[i], p.icmpParamProb(), "case " + i);
                assertArrayEquals(bad[i], p.toByteArray(), "case " + i);
            }
            assertEquals(Integer.toString(bad.length), h.read("drops"));
        }
    }

    @Test
    void otherOptionsAreSkipped() throws Exception {
        byte[] f = withOptions(0x94, 4, 0, 0, 7, 7, 4, 0, 0, 0, 0, 0);   // router alert, then RR
        try (Harness h = Harness.element("IPGWOptions(10.0.0.1)", 1, 2)) {
            h.push(0, marked(f, IP));
            byte[] out = h.outputBytes(0).getFirst();
            assertEquals(ME, u32(out, OPT + 7));
            assertEquals(0x94, u8(out, OPT));
        }
    }

    @Test
    void packetsWithoutAHeaderAreDropped() throws Exception {
        try (Harness h = Harness.element("IPGWOptions(10.0.0.1)", 1, 2)) {
            h.push(0, udp().build());
            Packet cut = marked(java.util.Arrays.copyOf(withOptions(7, 7, 4, 0, 0, 0, 0, 0), IP + 24), IP);
            h.push(0, cut);
            assertEquals(0, h.count(0));
            assertEquals(0, h.count(1));
            assertEquals("2", h.read("drops"));
        }
    }

    @Test
    void configurationErrors() {
        assertEquals("missing mandatory MYADDR argument", configError("IPGWOptions"));
        assertEquals("OTHERADDRS: expected IPv4 address, got 'x'", configError("IPGWOptions(1.2.3.4, 1.1.1.1 x)"));
    }
}
