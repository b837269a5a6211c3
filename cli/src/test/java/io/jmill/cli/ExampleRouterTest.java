package io.jmill.cli;

import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static io.jmill.cli.ExampleFrames.*;
import static io.jmill.cli.ExampleSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * examples/router.click on a capture of every case it has a rule for (see
 * {@link ExampleTraffic#router()}): the frames it transmits and its counters against the golden
 * files, and the main facts checked field by field.
 */
class ExampleRouterTest {
    static final List<String> HANDLERS = List.of("r/arpreplies.count", "r/other.count", "r/chk.drops",
            "r/chk.drop_details", "r/rt.drops", "r/tohost.count", "r/link0/oc.drops", "r/link1/oc.drops",
            "r/link1/fr.fragments", "ToNIC@3.count");

    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    /** Runs {@code name} (router or ids-router) on the router capture; returns what it sent. */
    static List<byte[]> run(String name, Path dir, List<String> handlers, StringBuilder handlerOut) throws Exception {
        Path in = dir.resolve("in.pcap");
        Path out = dir.resolve("out.pcap");
        writePcap(in, ExampleTraffic.frames(ExampleTraffic.router()));
        Result r = runExample(name, in, out, handlers);
        handlerOut.append(r.out());
        assertGolden(name, out, r.out());
        return readPcap(out);
    }

    @Test
    void routesTheGoldenCapture(@TempDir Path dir) throws Exception {
        StringBuilder h = new StringBuilder();
        List<byte[]> sent = run("router", dir, HANDLERS, h);
        Result r = new Result(0, h.toString(), "");

        assertEquals(35, sent.size(), describeAll(sent));
        assertEquals(35, longHandler(r, "ToNIC@3.count"));
        assertEquals(1, longHandler(r, "r/arpreplies.count"));
        assertEquals(3, longHandler(r, "r/other.count"), "ipv6, vlan, runt");
        assertEquals(9, longHandler(r, "r/chk.drops"));
        assertEquals(1, longHandler(r, "r/rt.drops"), "no route to 192.168.1.1");
        assertEquals(3, longHandler(r, "r/tohost.count"));
        assertEquals(1, longHandler(r, "r/link1/oc.drops"), "the link-level broadcast");
        assertEquals(2, longHandler(r, "r/link1/fr.fragments"));

        int arpReplies = 0;
        int forwarded = 0;
        for (byte[] f : sent) {
            assertEquals(PORT_MAC, mac(f, 6), describe(f));
            if (u16(f, 12) == 0x0806) {
                arpReplies++;
                assertEquals(2, u16(f, 20), describe(f));
                continue;
            }
            assertEquals(0x0800, u16(f, 12), describe(f));
            assertTrue(ipChecksumOk(f), describe(f));
            String dst = ip(f, ETH + 16);
            if (dst.startsWith("10.1.")) {
                forwarded++;
                assertEquals(NEXT_HOP_MAC, mac(f, 0), "link 1 frames go to the next hop: " + describe(f));
                assertEquals(63, u8(f, ETH + 8), "TTL decremented: " + describe(f));
            } else {
                assertEquals(HOST_MAC, mac(f, 0), "link 0 frames go to the host: " + describe(f));
            }
        }
        assertEquals(2, arpReplies);
        assertEquals(28, forwarded);

        // ICMP errors to the sender, from the router's link 0 address, in capture order
        List<byte[]> errors = sent.stream().filter(f -> u16(f, 12) == 0x0800 && u8(f, ETH + 9) == 1
                && ip(f, ETH + 12).equals("10.0.0.1")).toList();
        assertEquals(List.of("5/1", "11/0", "12/0", "3/4"),
                errors.stream().map(f -> u8(f, ETH + 20) + "/" + u8(f, ETH + 21)).toList(), describeAll(errors));
        for (byte[] e : errors) {
            assertEquals("10.0.0.2", ip(e, ETH + 16), describe(e));
            assertEquals(199, u8(e, ETH + 8), "ICMPError's TTL 200, decremented on the way out: " + describe(e));
            assertTrue(l4ChecksumOk(e), describe(e));
        }
        assertEquals("10.0.0.3", ip(errors.get(0), ETH + 24), "redirect gateway: the on-link destination");
        assertEquals(22, u8(errors.get(2), ETH + 24), "parameter problem points at the bad RR pointer");
        assertEquals(1500, u16(errors.get(3), ETH + 26), "needfrag reports the MTU");

        // Record Route: the outgoing address recorded, pointer advanced
        byte[] rr = sent.stream().filter(f -> u16(f, 12) == 0x0800 && ip(f, ETH + 16).equals("10.1.10.10"))
                .findFirst().orElseThrow();
        assertEquals(8, u8(rr, ETH + 22));
        assertEquals("10.100.0.1", ip(rr, ETH + 23));
    }

    @ParameterizedTest
    @ValueSource(strings = {"copying", "overlaying"})
    void everyMetadataModelRoutesTheSame(String model, @TempDir Path dir) throws Exception {
        assumeFalse(UPDATE, "the golden files are written from the default model");
        Path in = dir.resolve("in.pcap");
        Path out = dir.resolve("out.pcap");
        writePcap(in, ExampleTraffic.frames(ExampleTraffic.router()));
        Result r = runExample("router", in, out, HANDLERS, "MODEL=" + model);
        assertGolden("router", out, r.out());
    }
}
