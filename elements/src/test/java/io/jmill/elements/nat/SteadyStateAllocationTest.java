package io.jmill.elements.nat;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.AllocatedBytes;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data path of established flows allocates nothing (measured on this thread's heap allocation counter). */
class SteadyStateAllocationTest {
    private static final int FLOWS = 500;
    private static final int ROUNDS = 40;

    /** Pushes every frame ROUNDS times (frames[port] go to that input) and returns bytes allocated per packet. */
    private static double bytesPerPacket(Harness h, byte[][][] frames) {
        for (int warm = 0; warm < 5; warm++) {
            pushAll(h, frames);
        }
        long[] packets = {0};
        long bytes = AllocatedBytes.during(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                packets[0] += pushAll(h, frames);
            }
        });
        return (double) bytes / packets[0];
    }

    private static long pushAll(Harness h, byte[][][] frames) {
        long n = 0;
        for (int port = 0; port < frames.length; port++) {
            for (byte[] f : frames[port]) {
                h.push(port, Frames.ip(f));
                n++;
            }
        }
        return n;
    }

    @Test
    void ipRewriterForwardAndReply() throws Exception {
        String body = "rw :: IPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop);"
                + " input [0] -> [0] rw; input [1] -> [1] rw; rw [0] -> Discard; rw [1] -> Discard;";
        byte[][] forward = new byte[FLOWS][];
        byte[][] reply = new byte[FLOWS][];
        for (int i = 0; i < FLOWS; i++) {
            forward[i] = (i % 2 == 0 ? FrameBuilder.tcp() : FrameBuilder.udp()).src("10.0.1." + (i % 200), 7)
                    .dst("2.0.0.2", 1000 + i).build();
            reply[i] = (i % 2 == 0 ? FrameBuilder.tcp() : FrameBuilder.udp()).src("2.0.0.2", 1000 + i)
                    .dst("1.0.0.1", 1024 + i).build();
        }
        try (Harness h = Harness.graph(body, 2, 0)) {
            double perPacket = bytesPerPacket(h, new byte[][][] {forward, reply});
            assertTrue(perPacket < 1, perPacket + " bytes allocated per packet");
            assertTrue(h.read("e/rw.nmappings").equals(Integer.toString(FLOWS)));
            assertTrue(h.read("e/rw.drops").equals("0"));
        }
    }

    @Test
    void flowManagerCounterAndNat() throws Exception {
        String body = "nat :: FlowIPNAT(1.0.0.1);"
                + " input [0] -> FlowIPManager(4096) -> FlowCounter -> nat -> Discard;"
                + " input [1] -> FlowIPNATReverse(nat) -> Discard;";
        byte[][] forward = new byte[FLOWS][];
        byte[][] reply = new byte[FLOWS][];
        for (int i = 0; i < FLOWS; i++) {
            forward[i] = FrameBuilder.udp().src("10.0.2." + (i % 200), 1000 + i).dst("2.0.0.2", 53).build();
            reply[i] = FrameBuilder.udp().src("2.0.0.2", 53).dst("1.0.0.1", 1024 + i).build();
        }
        try (Harness h = Harness.graph(body, 2, 0)) {
            double perPacket = bytesPerPacket(h, new byte[][][] {forward, reply});
            assertTrue(perPacket < 1, perPacket + " bytes allocated per packet");
            assertTrue(h.read("e/nat.drops").equals("0"));
        }
    }
}
