package io.jmill.elements.ip;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.jmill.elements.ip.IpTests.ipOf;
import static io.jmill.elements.ip.IpTests.marked;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IPReassemblerTest {

    private static byte[] datagram(int id, int payload) {
        return ipOf(FrameBuilder.udp().src("10.0.0.1", 1).dst("10.0.0.2", 2).ipId(id).payloadLength(payload).fill(0x5a).build());
    }

    /** The fragments IPFragmenter makes of {@code ip} for {@code mtu}. */
    private static List<byte[]> fragments(byte[] ip, int mtu) throws Exception {
        try (Harness h = Harness.element("IPFragmenter(" + mtu + ")", 1, 1)) {
            h.push(0, marked(ip, 0));
            return h.outputBytes(0);
        }
    }

    @Test
    void reassemblesFragmentsInAnyOrder() throws Exception {
        byte[] ip = datagram(77, 300);
        List<byte[]> frags = new ArrayList<>(fragments(ip, 68));
        assertEquals(7, frags.size());
        Collections.reverse(frags);
        frags.add(2, frags.get(4).clone()); // a duplicate
        try (Harness h = Harness.element("IPReassembler", 1, 2)) {
            for (byte[] f : frags) {
                h.push(0, marked(f, 0));
            }
            h.push(0, marked(datagram(5, 10), 0)); // not a fragment: straight through
            assertEquals(2, h.count(0));
            assertArrayEquals(ip, h.outputBytes(0).getFirst());
            Packet p = h.output(0).getFirst();
            assertEquals(0, p.networkHeaderOffset());
            assertEquals("1", h.read("reassembled"));
            assertEquals("0", h.read("pending"));
        }
    }

    @Test
    void interleavedDatagramsAndAMissingFragment() throws Exception {
        byte[] a = datagram(1, 100);
        byte[] b = datagram(2, 100);
        List<byte[]> fa = fragments(a, 60);
        List<byte[]> fb = fragments(b, 60);
        try (Harness h = Harness.element("IPReassembler(MAX_DATAGRAMS 4)", 1, 2)) {
            for (int i = 0; i < fa.size(); i++) {
                h.push(0, marked(fa.get(i), 0));
                if (i != 1) {
                    h.push(0, marked(fb.get(i), 0));
                }
            }
            assertEquals(1, h.count(0));
            assertArrayEquals(a, h.outputBytes(0).getFirst());
            assertEquals("1", h.read("pending"), "b waits for its second fragment");
            // freed at close; the harness checks that nothing leaked
        }
    }

    @Test
    void oldestIsReplacedWhenFull() throws Exception {
        try (Harness h = Harness.element("IPReassembler(MAX_DATAGRAMS 1)", 1, 2)) {
            h.push(0, marked(fragments(datagram(1, 100), 60).getFirst(), 0));
            h.push(0, marked(fragments(datagram(2, 100), 60).getFirst(), 0));
            assertEquals("1", h.read("drops"));
            assertEquals("1", h.read("pending"));
        }
    }
}
