package io.jmill.elements.ethernet;

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
 * Once the next hop is resolved, the router path (GetIPAddress, a lookup, ARPQuerier,
 * EtherRewrite, EtherMirror, EtherEncap) allocates nothing per packet (a regression check, not a
 * benchmark).
 */
class FastPathAllocationTest {
    private static final String PATH = """
            input [0] -> g :: GetIPAddress(16) -> rt :: DirectIPLookup(10.0.0.0/24 0, 0/0 10.0.0.254 0)
                -> aq :: ARPQuerier(10.0.0.1/24, 02:00:00:00:00:01)
                -> EtherRewrite(02:00:00:00:00:01, 02:00:00:00:00:02) -> EtherMirror
                -> c :: Counter -> Discard;
            input [1] -> [1] aq;
            arp :: ARPResponder(10.0.0.1 02:00:00:00:00:01) -> Discard;
            Idle -> arp;
            enc :: EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2) -> Discard;
            Idle -> enc;
            """;

    @Test
    void resolvedPacketsAllocateNothing() throws Exception {
        byte[] frame = FrameBuilder.udp().src("10.0.0.9", 1).dst("8.8.8.8", 53).build();
        byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
        byte[] request = ArpFrames.request("02:00:00:00:00:99", "10.0.0.99", "10.0.0.1");
        try (Harness h = Harness.graph(PATH, 2, 0)) {
            h.push(1, ArpFrames.reply("00:1b:21:3a:4f:5c", "10.0.0.254", "02:00:00:00:00:01", "10.0.0.1"));
            Element first = h.router().element("e/g");
            Element responder = h.router().element("e/arp");
            Element encap = h.router().element("e/enc");
            Runnable run = () -> {
                for (int i = 0; i < 200_000; i++) {
                    Packet p = PacketPool.alloc(ip);
                    first.push(0, p);
                    responder.push(0, PacketPool.alloc(request));
                    encap.push(0, PacketPool.alloc(ip));
                }
            };
            run.run();
            long bytes = AllocatedBytes.during(run);
            assertTrue(bytes < 4096, "allocated " + bytes + " bytes for 600,000 packets");
            assertEquals("400000", h.read("e/c.count"));
            assertEquals("0", h.read("e/aq.queries"));
        }
    }
}
