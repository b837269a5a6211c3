package io.jmill.elements.standard;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.element.Element;
import io.jmill.engine.testing.AllocatedBytes;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once their tables hold the flows they see, the flow and aggregate elements, PaintRR,
 * SetTimestampDelta, NotifierDebug, a queue with its notifier signals, DelayShaper and LinkUnqueue
 * allocate nothing per packet (a regression check, not a benchmark).
 */
class NewElementsAllocationTest {
    private static final String PATH = """
            input [0] -> chk :: CheckIPHeader -> af :: AggregateIPFlows -> ac :: AggregateCounter(BYTES true)
                -> rr :: PaintRR(20) -> d :: SetTimestampDelta -> n :: NotifierDebug -> q :: Queue(1000)
                -> ds :: DelayShaper(0) -> lu :: LinkUnqueue(0, 0) -> c :: Counter -> Discard;
            rr [1] -> d;
            """;

    @Test
    void steadyTrafficAllocatesNothing() throws Exception {
        byte[] frame = FrameBuilder.udp().src("10.0.0.9", 1000).dst("10.0.0.1", 53).build();
        byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
        byte[] reply = Arrays.copyOfRange(FrameBuilder.udp().src("10.0.0.1", 53).dst("10.0.0.9", 1000).build(), 14, frame.length);
        try (Harness h = Harness.graph(PATH, 1, 0)) {
            Element first = h.router().element("e/chk");
            Runnable run = () -> {
                for (int i = 0; i < 100_000; i++) {
                    Packet p = PacketPool.alloc(i % 2 == 0 ? ip : reply);
                    p.setTimestampNanos(1_000_000_000L + i);
                    first.push(0, p);
                    h.runTask("e/lu");
                }
            };
            run.run();
            long bytes = AllocatedBytes.during(run);
            assertTrue(bytes < 4096, "allocated " + bytes + " bytes for 100,000 packets");
            assertEquals("200000", h.read("e/c.count"));
            assertEquals("1", h.read("e/af.count"), "one flow, both directions");
            assertEquals("1", h.read("e/ac.nagg"));
        }
    }
}
