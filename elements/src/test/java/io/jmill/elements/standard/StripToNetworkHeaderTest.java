package io.jmill.elements.standard;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StripToNetworkHeaderTest {

    @Test
    void theDataThenStartsAtTheNetworkHeader() throws Exception {
        try (Harness h = Harness.element("StripToNetworkHeader")) {
            Packet p = Harness.packet(seq(60));
            p.setNetworkHeader(14, 20);
            h.push(0, p);
            assertArrayEquals(Arrays.copyOfRange(seq(60), 14, 60), h.outputBytes(0).get(0));
            assertEquals(0, h.output(0).get(0).networkHeaderOffset());
        }
    }

    @Test
    void aNetworkHeaderBeforeTheDataIsTakenBack() throws Exception {
        try (Harness h = Harness.graph("input -> MarkIPHeader(14) -> Strip(34) -> StripToNetworkHeader -> output", 1, 1)) {
            h.push(0, seq(60));
            assertArrayEquals(Arrays.copyOfRange(seq(60), 14, 60), h.outputBytes(0).get(0));
        }
    }

    @Test
    void packetsWithoutANetworkHeaderPassUnchanged() throws Exception {
        try (Harness h = Harness.element("StripToNetworkHeader")) {
            h.push(0, seq(60));
            assertArrayEquals(seq(60), h.outputBytes(0).get(0));
        }
    }
}
