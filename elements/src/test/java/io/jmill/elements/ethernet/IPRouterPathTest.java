package io.jmill.elements.ethernet;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.jmill.elements.ethernet.ArpFrames.arp;
import static io.jmill.elements.ethernet.ArpFrames.ether;
import static io.jmill.elements.ethernet.ArpFrames.reply;
import static io.jmill.elements.ethernet.ArpFrames.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The routing and ARP part of Click's standard IP router (make-ip-conf.pl), two interfaces:
 * GetIPAddress, StaticIPLookup, one ARPQuerier per interface, an ARPResponder.
 */
class IPRouterPathTest {
    private static final String ETH0 = "02:00:00:00:00:01";
    private static final String ETH1 = "02:00:00:00:01:01";
    private static final String GATEWAY = "00:1b:21:3a:4f:5c";

    private static final String ROUTER = """
            input [0] -> GetIPAddress(16)
                -> rt :: StaticIPLookup(10.0.0.1/32 2, 10.0.1.1/32 2, 10.0.0.255/32 2, 10.0.1.255/32 2,
                                        10.0.0.0/24 0, 10.0.1.0/24 1, 0.0.0.0/0 10.0.0.254 0);
            rt [0] -> aq0 :: ARPQuerier(10.0.0.1/24, %s) -> [0] output;
            rt [1] -> aq1 :: ARPQuerier(10.0.1.1/24, %s) -> [1] output;
            rt [2] -> [2] output;
            input [1] -> [1] aq0;
            input [2] -> [1] aq1;
            input [3] -> ARPResponder(10.0.0.1 %s) -> [0] output;
            """.formatted(ETH0, ETH1, ETH0);

    private static byte[] ipTo(String dst) {
        byte[] frame = FrameBuilder.udp().src("10.0.1.9", 4000).dst(dst, 53).build();
        return Arrays.copyOfRange(frame, 14, frame.length);
    }

    @Test
    void routesResolvesAndEncapsulates() throws Exception {
        try (Harness h = Harness.graph(ROUTER, 4, 3)) {
            // Off-net: via the default gateway, which must be resolved first.
            byte[] offNet = ipTo("8.8.8.8");
            h.push(0, offNet);
            assertArrayEquals(request(ETH0, "10.0.0.1", "10.0.0.254"), h.outputBytes(0).get(0));
            h.push(1, reply(GATEWAY, "10.0.0.254", ETH0, "10.0.0.1"));
            assertArrayEquals(ether(GATEWAY, ETH0, 0x0800, offNet), h.outputBytes(0).get(1));

            // The second interface's network: its own querier, its own output.
            h.push(0, ipTo("10.0.1.5"));
            assertArrayEquals(request(ETH1, "10.0.1.1", "10.0.1.5"), h.outputBytes(1).get(0));

            // The router itself: output 2, untouched.
            byte[] local = ipTo("10.0.0.1");
            h.push(0, local);
            assertArrayEquals(local, h.outputBytes(2).get(0));

            // ARP requests for the router's address are answered.
            h.push(3, request("02:00:00:00:00:99", "10.0.0.77", "10.0.0.1"));
            assertArrayEquals(arp(2, "02:00:00:00:00:99", ETH0, ETH0, "10.0.0.1", "02:00:00:00:00:99", "10.0.0.77"),
                    h.outputBytes(0).get(2));

            // Once resolved, packets through the gateway go straight out.
            byte[] again = ipTo("1.1.1.1");
            h.push(0, again);
            assertArrayEquals(ether(GATEWAY, ETH0, 0x0800, again), h.outputBytes(0).get(3));
            assertEquals(4, h.count(0));
            assertEquals("1", h.read("e/aq1.length"));
        }
    }
}
