package io.jmill.engine.element;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Batches through the graph: what each framework form does with a pushed batch. */
class BatchTest {
    private static byte[] frame(int first, int id) {
        byte[] f = new byte[60];
        f[0] = (byte) first;
        f[1] = (byte) id;
        return f;
    }

    /** The second byte of each packet received by output {@code port}: the order they came in. */
    private static List<Integer> ids(Harness h, int port) {
        return h.outputBytes(port).stream().map(b -> b[1] & 0xFF).toList();
    }

    @Test
    void theDefaultPushesEachPacketInOrder() throws Exception {
        try (Harness h = Harness.element("TClock")) { // a plain Element: only push
            h.pushBatch(0, frame(0, 1), frame(0, 2), frame(0, 3));
            assertEquals(List.of(1, 2, 3), ids(h, 0));
            assertEquals(List.of(), h.batches(0), "pushed on one by one");
            h.clearOutputs();
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void aSimpleElementPassesTheBatchOnWholeWithoutWhatItDropped() throws Exception {
        try (Harness h = Harness.element("TDropOdd")) {
            h.pushBatch(0, frame(0, 1), frame(1, 2), frame(2, 3), frame(3, 4), frame(4, 5));
            assertEquals(List.of(1, 3, 5), ids(h, 0));
            assertEquals(List.of(3), h.batches(0), "one batch of the three kept");
            h.clearOutputs();
            h.pushBatch(0, frame(1, 6), frame(3, 7));
            assertEquals(List.of(), ids(h, 0));
            assertEquals(List.of(), h.batches(0), "nothing kept: no empty batch goes on");
            h.clearOutputs();
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void aClassifierHandsOnEachRunOfOneOutputAsABatchInArrivalOrder() throws Exception {
        try (Harness h = Harness.element("TSplit", 1, 3)) {
            h.pushBatch(0, frame(1, 1), frame(1, 2), frame(0, 3), frame(0xFF, 4), frame(0, 5), frame(1, 6),
                    frame(2, 7), frame(2, 8));
            assertEquals(List.of(1, 2, 6), ids(h, 1));
            assertEquals(List.of(2, 1), h.batches(1), "two runs: 1 2, then 6");
            assertEquals(List.of(3, 5), ids(h, 0));
            assertEquals(List.of(2), h.batches(0), "the dropped packet does not break the run");
            assertEquals(List.of(7, 8), ids(h, 2));
            assertEquals(List.of(2), h.batches(2));
            h.clearOutputs();
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void packetsOfDifferentOutputsThatMeetAgainKeepTheirOrder() throws Exception {
        try (Harness h = Harness.graph("input -> s :: TSplit; s[0] -> output; s[1] -> output; s[2] -> TDropOdd -> output",
                1, 1)) {
            h.pushBatch(0, frame(0, 1), frame(1, 2), frame(1, 3), frame(2, 4), frame(0, 5), frame(2, 6), frame(2, 7));
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), ids(h, 0), "Click's order");
            assertEquals(List.of(1, 2, 1, 1, 2), h.batches(0));
            h.clearOutputs();
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void aSimpleElementThatThrowsDropsTheRestOfTheBatch() throws Exception {
        try (Harness h = Harness.element("TThrow")) {
            Packet failing = Harness.packet(frame(0xEE, 3));
            assertThrows(IllegalStateException.class, () -> h.pushBatch(0, List.of(Harness.packet(frame(0, 1)),
                    Harness.packet(frame(0, 2)), failing, Harness.packet(frame(0, 4)), Harness.packet(frame(0, 5)))));
            assertEquals(List.of(), ids(h, 0), "the batch was not handed on");
            failing.kill(); // lost, as a packet pushed alone would be: the others were freed
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void aClassifierThatThrowsDropsWhatItHeldAndHandsOnWhatHadLeft() throws Exception {
        try (Harness h = Harness.element("TSplit", 1, 2)) {
            Packet failing = Harness.packet(frame(0xEE, 4));
            assertThrows(IllegalStateException.class, () -> h.pushBatch(0, List.of(Harness.packet(frame(0, 1)),
                    Harness.packet(frame(0, 2)), Harness.packet(frame(1, 3)), failing, Harness.packet(frame(0, 5)),
                    Harness.packet(frame(1, 6)))));
            assertEquals(List.of(1, 2), ids(h, 0), "the run handed on before the failure");
            assertEquals(List.of(), ids(h, 1), "the run it still held is dropped");
            h.clearOutputs();
            failing.kill();
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void anElementThatThrowsDownstreamOfTheDefaultLoopDropsTheRest() throws Exception {
        try (Harness h = Harness.graph("input -> TClock -> TThrow -> output", 1, 1)) {
            Packet failing = Harness.packet(frame(0xEE, 2));
            assertThrows(IllegalStateException.class, () -> h.pushBatch(0, List.of(Harness.packet(frame(0, 1)),
                    failing, Harness.packet(frame(0, 3)), Harness.packet(frame(0, 4)))));
            assertEquals(List.of(1), ids(h, 0), "pushed one by one until the failure");
            h.clearOutputs();
            failing.kill();
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void countersCountABatchAtOnceAndPassItOn() throws Exception {
        try (Harness h = Harness.graph("input -> c :: TPass -> d :: TDropOdd -> output", 1, 1)) {
            h.pushBatch(0, frame(0, 1), frame(1, 2), frame(2, 3));
            assertEquals("3", h.read("e/c.count"));
            assertEquals(List.of(1, 3), ids(h, 0));
            assertEquals(List.of(2), h.batches(0));
        }
    }
}
