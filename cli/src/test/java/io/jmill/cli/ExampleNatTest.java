package io.jmill.cli;

import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.jmill.cli.ExampleFrames.*;
import static io.jmill.cli.ExampleSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** examples/nat.click: golden capture, translations checked field by field, port clashes. */
class ExampleNatTest {
    static final List<String> HANDLERS = List.of("rw.nmappings", "rw.mapping_failures", "rw.drops", "rw.patterns",
            "chk.drops", "stray.count", "other.count", "out.count");

    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    /** "SRC:SPORT > DST:DPORT" of a UDP or TCP frame without IP options. */
    private static String flow(byte[] f) {
        return ip(f, ETH + 12) + ":" + u16(f, ETH + 20) + " > " + ip(f, ETH + 16) + ":" + u16(f, ETH + 22);
    }

    @Test
    void translatesTheGoldenCapture(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.pcap");
        Path out = dir.resolve("out.pcap");
        writePcap(in, ExampleTraffic.frames(ExampleTraffic.nat()));
        Result r = runExample("nat", in, out, HANDLERS);
        assertGolden("nat", out, r.out());
        List<byte[]> sent = readPcap(out);

        assertEquals(3, longHandler(r, "rw.nmappings"));
        assertEquals(0, longHandler(r, "rw.mapping_failures"));
        assertEquals(3, longHandler(r, "rw.drops"), "no mapping, icmp, later fragment");
        assertEquals(4, longHandler(r, "chk.drops"));
        assertEquals(1, longHandler(r, "stray.count"));
        assertEquals(2, longHandler(r, "other.count"));
        assertEquals(sent.size(), longHandler(r, "out.count"));

        List<byte[]> ip = sent.stream().filter(f -> u16(f, 12) == 0x0800).toList();
        assertEquals(2, sent.size() - ip.size(), "two ARP replies");
        assertEquals(List.of(
                "10.100.0.1:5000 > 10.1.0.1:53",
                "10.100.0.1:40000 > 10.1.0.1:80",
                "10.100.0.1:6000 > 10.1.0.2:123",
                "10.1.0.1:53 > 10.0.0.2:5000",
                "10.1.0.1:80 > 10.0.0.2:40000",
                "10.100.0.1:5000 > 10.1.0.1:53",
                "10.1.0.2:123 > 10.0.0.3:6000"), ip.stream().map(ExampleNatTest::flow).toList(), describeAll(ip));
        for (byte[] f : ip) {
            assertTrue(ipChecksumOk(f), describe(f));
            assertTrue(l4ChecksumOk(f), "checksum updated incrementally: " + describe(f));
            assertEquals(64, u8(f, ETH + 8), "the NAT does not route: " + describe(f));
            boolean outbound = ip(f, ETH + 12).equals("10.100.0.1");
            assertEquals(outbound ? NEXT_HOP_MAC : HOST_MAC, mac(f, 0), describe(f));
            assertEquals(PORT_MAC, mac(f, 6), describe(f));
        }
        assertEquals(0, u16(ip.get(2), ETH + 26), "a UDP checksum of 0 stays 0");
    }

    @Test
    void aClashingSourcePortGetsAnotherFreePort(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.pcap");
        Path out = dir.resolve("out.pcap");
        writePcap(in, List.of(
                udp("10.0.0.2", 5000, "10.1.0.1", 53).build(),
                udp("10.0.0.3", 5000, "10.1.0.1", 53).build(),     // same reply flow if it kept 5000
                udp("10.0.0.3", 5000, "10.1.0.1", 53).build()));
        Result r = runExample("nat", in, out, HANDLERS);
        List<byte[]> sent = readPcap(out);
        assertEquals(3, sent.size(), describeAll(sent));
        assertEquals("10.100.0.1:5000 > 10.1.0.1:53", flow(sent.get(0)));
        int port = u16(sent.get(1), ETH + 20);
        assertNotEquals(5000, port);
        assertTrue(port >= 1024, "port " + port);
        assertEquals(flow(sent.get(1)), flow(sent.get(2)), "the flow keeps its port");
        assertEquals(2, longHandler(r, "rw.nmappings"));
    }
}
