package io.jmill.elements.standard;

import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batch forms of the library's elements: what a pushed batch does compared with the same
 * packets pushed one by one (counted the same, forwarded the same), and that it stays a batch
 * where the element can keep it one.
 */
class BatchFormsTest {
    /** An Ethernet/IPv4/UDP frame of 60 bytes to {@code dst}, its id in the IP ID field. */
    static byte[] ipFrame(int dst, int id) {
        byte[] f = new byte[60];
        f[12] = 0x08;
        f[14] = 0x45;
        f[16] = 0;
        f[17] = 46;          // total length
        f[18] = (byte) (id >> 8);
        f[19] = (byte) id;
        f[22] = 64;          // TTL
        f[23] = 17;          // UDP
        int src = 0x0A000002;
        for (int i = 0; i < 4; i++) {
            f[26 + i] = (byte) (src >>> (24 - 8 * i));
            f[30 + i] = (byte) (dst >>> (24 - 8 * i));
        }
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += ((f[i] & 0xFF) << 8) | (f[i + 1] & 0xFF);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        sum = ~sum & 0xFFFF;
        f[24] = (byte) (sum >> 8);
        f[25] = (byte) sum;
        return f;
    }

    private static List<Integer> ids(Harness h, int port, int idOffset) {
        return h.outputBytes(port).stream().map(b -> ((b[idOffset] & 0xFF) << 8) | (b[idOffset + 1] & 0xFF)).toList();
    }

    @Test
    void counterCountsABatchAtOnce() throws Exception {
        try (Harness h = Harness.element("Counter")) {
            h.pushBatch(0, seq(60), seq(100), seq(40));
            assertEquals("3", h.read("count"));
            assertEquals("200", h.read("byte_count"));
            assertEquals(List.of(3), h.batches(0));
        }
    }

    @Test
    void counterWithACountCallStillCallsAtTheExactPacket() throws Exception {
        try (Harness h = Harness.graph("input -> c :: Counter(COUNT_CALL 2 e/c.reset) -> output", 1, 1)) {
            h.pushBatch(0, seq(60), seq(60), seq(60));
            // Reset when the second packet is counted: the third counts again from zero.
            assertEquals("1", h.read("e/c.count"));
            assertEquals(3, h.count(0));
        }
    }

    @Test
    void averageCounterCountsABatch() throws Exception {
        try (Harness h = Harness.element("AverageCounter")) {
            h.pushBatch(0, seq(60), seq(70));
            assertEquals("2", h.read("count"));
            assertEquals("130", h.read("byte_count"));
            assertEquals(List.of(2), h.batches(0));
        }
    }

    @Test
    void discardFreesABatch() throws Exception {
        try (Harness h = Harness.element("Discard")) {
            h.pushBatch(0, seq(60), seq(60));
            assertEquals("2", h.read("count"));
            h.clearOutputs();
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void aClassifierSplitsABatchIntoRunsByOutput() throws Exception {
        try (Harness h = Harness.element("Classifier(12/0800, -)", 1, 2)) {
            byte[] other = seq(60);
            h.pushBatch(0, ipFrame(0x0A010001, 1), other, ipFrame(0x0A010002, 2), ipFrame(0x0A010003, 3));
            assertEquals(List.of(1, 2, 3), ids(h, 0, 18));
            assertEquals(List.of(1, 2), h.batches(0), "a run before the other packet, a run after it");
            assertEquals(1, h.count(1));
            h.clearOutputs();
            assertEquals(0, h.leaked());
        }
    }

    @Test
    void theRouterPathRoutesABatchAsItRoutesPackets() throws Exception {
        String graph = """
                input -> Strip(14) -> CheckIPHeader -> GetIPAddress(16)
                      -> rt :: DirectIPLookup(10.1.0.0/16 0, 10.2.0.0/16 10.9.9.9 1) -> output;
                rt [1] -> [1] output;
                """;
        try (Harness batch = Harness.graph(graph, 1, 2); Harness single = Harness.graph(graph, 1, 2)) {
            byte[][] frames = {ipFrame(0x0A010001, 1), ipFrame(0x0A020001, 2), ipFrame(0x0A010002, 3),
                    ipFrame(0x0B000001, 4), ipFrame(0x0A010003, 5)};
            batch.pushBatch(0, frames);
            for (byte[] f : frames) {
                single.push(0, f);
            }
            for (int port = 0; port < 2; port++) {
                assertEquals(ids(single, port, 4), ids(batch, port, 4), "output " + port);
                List<Integer> anno = single.output(port).stream().map(p -> p.dstIpAnno()).toList();
                assertEquals(anno, batch.output(port).stream().map(p -> p.dstIpAnno()).toList());
            }
            assertEquals(List.of(1, 3, 5), ids(batch, 0, 4));
            assertEquals(List.of(1, 2), batch.batches(0), "1, then 3 and 5: the dropped 4 does not end the run");
            assertEquals("1", batch.read("e/rt.drops"));
            batch.clearOutputs();
            single.clearOutputs();
            assertEquals(0, batch.leaked());
        }
    }
}
