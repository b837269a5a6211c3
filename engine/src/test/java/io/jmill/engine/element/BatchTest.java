package io.jmill.engine.element;

import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void aClassifierKeepsTheFirstPacketsOutputInTheBatchAndPushesTheRestAlone() throws Exception {
        try (Harness h = Harness.element("TSplit", 1, 3)) {
            h.pushBatch(0, frame(0xFF, 1), frame(1, 2), frame(0, 3), frame(1, 4), frame(2, 5), frame(1, 6));
            assertEquals(List.of(2, 4, 6), ids(h, 1), "the batch's main output, in order");
            assertEquals(List.of(3), h.batches(1));
            assertEquals(List.of(3), ids(h, 0));
            assertEquals(List.of(5), ids(h, 2));
            assertEquals(List.of(), h.batches(0), "other outputs get their packets one by one");
            h.clearOutputs();
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
