package io.jmill.elements.synthetic;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkPackageTest {
    private static final List<byte[]> TRAFFIC = List.of(
            FrameBuilder.udp().src("10.0.0.1", 1).dst("10.0.0.2", 2).frameLength(64).fill(0x11).build(),
            FrameBuilder.tcp().src("10.0.0.3", 3).dst("10.0.0.4", 4).frameLength(1000).fill(0x22).build(),
            FrameBuilder.udp().src("10.0.0.5", 5).dst("10.0.0.6", 6).frameLength(300).fill(0x33).build());

    /** Runs the traffic (ten rounds) through the element; returns its {@code result} handler. */
    private static String run(String decl, List<byte[]> traffic) throws Exception {
        try (Harness h = Harness.element(decl)) {
            for (int round = 0; round < 10; round++) {
                for (byte[] f : traffic) {
                    h.push(0, f);
                }
            }
            assertEquals(10 * traffic.size(), h.count(0));
            for (int i = 0; i < traffic.size(); i++) {
                assertArrayEquals(traffic.get(i), h.outputBytes(0).get(i), "packets pass unchanged");
            }
            assertEquals(Integer.toString(10 * traffic.size()), h.read("count"));
            return h.read("result");
        }
    }

    private static String run(String decl) throws Exception {
        return run(decl, TRAFFIC);
    }

    private static String error(String decl) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl).close());
        return e.errors().getFirst().message();
    }

    @Test
    void theResultIsReproducibleAndDependsOnEveryParameter() throws Exception {
        String base = run("WorkPackage(S 1, N 20, R 30, PAYLOAD true, W 5, SEED 1)");
        assertEquals(base, run("WorkPackage(1, 20, 30, true, W 5, SEED 1)"), "same configuration, same result");
        assertNotEquals("0", base);
        assertNotEquals(base, run("WorkPackage(S 1, N 21, R 30, PAYLOAD true, W 5, SEED 1)"), "N");
        assertNotEquals(base, run("WorkPackage(S 1, N 20, R 70, PAYLOAD true, W 5, SEED 1)"), "R");
        assertNotEquals(base, run("WorkPackage(S 1, N 20, R 30, PAYLOAD true, W 6, SEED 1)"), "W");
        assertNotEquals(base, run("WorkPackage(S 2, N 20, R 30, PAYLOAD true, W 5, SEED 1)"), "S");
        assertNotEquals(base, run("WorkPackage(S 1, N 20, R 30, PAYLOAD true, W 5, SEED 2)"), "SEED");
    }

    @Test
    void packetReadsSeeThePayloadOnlyWithPayloadTrue() throws Exception {
        // The same frames with every byte after the first 54 changed.
        List<byte[]> other = TRAFFIC.stream().map(f -> {
            byte[] g = f.clone();
            for (int i = 54; i < g.length; i++) {
                g[i] ^= 0x5A;
            }
            return g;
        }).toList();
        // All reads in the packet (R 100): PAYLOAD false reads only the first 54 bytes.
        assertEquals(run("WorkPackage(S 0, N 50, R 100, PAYLOAD false, SEED 3)", TRAFFIC),
                run("WorkPackage(S 0, N 50, R 100, PAYLOAD false, SEED 3)", other));
        assertNotEquals(run("WorkPackage(S 0, N 50, R 100, PAYLOAD true, SEED 3)", TRAFFIC),
                run("WorkPackage(S 0, N 50, R 100, PAYLOAD true, SEED 3)", other));
        // R 0: the packets are never read.
        assertEquals(run("WorkPackage(S 1, N 50, R 0, PAYLOAD true, SEED 3)", TRAFFIC),
                run("WorkPackage(S 1, N 50, R 0, PAYLOAD true, SEED 3)", other));
        assertNotEquals(run("WorkPackage(S 1, N 50, R 0, PAYLOAD true, SEED 3)", TRAFFIC),
                run("WorkPackage(S 1, N 50, R 100, PAYLOAD true, SEED 3)", TRAFFIC));
    }

    @Test
    void boundsNeverThrow() throws Exception {
        List<byte[]> odd = List.of(new byte[0], new byte[2], new byte[3], new byte[4], new byte[5],
                FrameBuilder.udp().frameLength(1500).build());
        run("WorkPackage(S 0, N 0, R 0, PAYLOAD false, W 0)", odd);
        run("WorkPackage(S 0, N 100, R 0, PAYLOAD true)", odd);
        run("WorkPackage(S 0, N 100, R 100, PAYLOAD true)", odd);
        run("WorkPackage(S 0, N 100, R 100, PAYLOAD false)", odd);
        run("WorkPackage(S 1, N 1000, R 50, PAYLOAD true, W 100)", odd);
    }

    @Test
    void eachInputHasItsOutputAndAnalysisMeasures() throws Exception {
        try (Harness h = Harness.element("WorkPackage(S 1, N 5, R 10, PAYLOAD false, W 7, ANALYSIS true)", 2, 2)) {
            h.push(1, TRAFFIC.get(0));
            h.push(0, TRAFFIC.get(1));
            h.push(1, TRAFFIC.get(2));
            assertEquals(1, h.count(0));
            assertEquals(2, h.count(1));
            assertArrayEquals(TRAFFIC.get(2), h.outputBytes(1).get(1));
            assertEquals("21", h.read("cycles_work"));
            Long.parseLong(h.read("cycles"));
            Double.parseDouble(h.read("cycles_per_work"));
        }
        try (Harness h = Harness.element("WorkPackage(S 0, N 5, R 10, PAYLOAD false)")) {
            assertThrows(io.jmill.engine.handler.HandlerException.class, () -> h.read("cycles"),
                    "the analysis handlers exist only with ANALYSIS true");
        }
    }

    @Test
    void theDataPathAllocatesNothing() throws Exception {
        try (Harness h = Harness.graph("input -> WorkPackage(S 1, N 10, R 50, PAYLOAD true, W 3) -> Discard;", 1, 0)) {
            for (int i = 0; i < 5000; i++) {
                h.push(0, TRAFFIC.get(i % 3));
            }
            long perPacket = io.jmill.engine.testing.AllocatedBytes.during(() -> {
                for (int i = 0; i < 50000; i++) {
                    h.push(0, TRAFFIC.get(i % 3));
                }
            }) / 50000;
            assertEquals(0, perPacket, "bytes allocated per packet");
        }
    }

    @Test
    void configurationErrors() {
        assertEquals("missing mandatory PAYLOAD argument", error("WorkPackage(1, 2, 3)"));
        assertEquals("R: must be between 0 and 100, got 101", error("WorkPackage(1, 2, 101, true)"));
        assertEquals("S: must be between 0 and 2047, got 4096", error("WorkPackage(4096, 2, 3, true)"));
        assertEquals("N: must be between 0 and 2147483647, got -1", error("WorkPackage(1, -1, 3, true)"));
        assertEquals("N: expected integer, got 'many'", error("WorkPackage(1, many, 3, true)"));
        assertEquals("PAYLOAD: expected boolean, got 'maybe'", error("WorkPackage(1, 2, 3, maybe)"));
        assertEquals("W: must be between 0 and 2147483647, got -5", error("WorkPackage(1, 2, 3, true, W -5)"));
        assertEquals("unknown keyword 'WW' (did you mean W?)", error("WorkPackage(1, 2, 3, true, WW 5)"));
    }
}
