package io.jmill.cli;

import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.jmill.cli.ExampleFrames.*;
import static io.jmill.cli.ExampleSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * examples/ids-router.click on the router's capture: golden files, and exactly router.click's
 * output less the packets its IDS denies or its transport checks reject.
 */
class ExampleIdsRouterTest {
    /** Destinations of the router capture's packets that the IDS stage drops. */
    static final Set<String> DROPPED = Set.of(
            "10.1.5.5",                                     // bad UDP checksum
            "10.1.1.1", "10.1.1.2", "10.1.1.3", "10.1.1.4", // telnet, smb, ms-sql, snmp from outside
            "10.1.1.6", "10.1.1.7", "10.1.1.9",             // syn+fin, null scan, tiny fragment
            "10.1.1.10", "10.1.1.11", "10.1.1.12",          // icmp redirect, icmp timestamp, martian
            "10.1.1.13", "10.1.1.14", "10.1.1.15");         // bad tcp / icmp checksum, bad udp length

    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    @Test
    void filtersTheGoldenCaptureThenRoutesItLikeRouter(@TempDir Path dir) throws Exception {
        List<String> handlers = new ArrayList<>(ExampleRouterTest.HANDLERS);
        handlers.addAll(List.of("proto.hits", "tcpchk.drops", "udpchk.drops", "icmpchk.drops", "ids.hits", "ids.drops"));
        StringBuilder h = new StringBuilder();
        Files.createDirectories(dir.resolve("ids"));
        List<byte[]> sent = ExampleRouterTest.run("ids-router", dir.resolve("ids"), handlers, h);
        Result r = new Result(0, h.toString(), "");

        Files.createDirectories(dir.resolve("router"));
        List<byte[]> routed = ExampleRouterTest.run("router", dir.resolve("router"), ExampleRouterTest.HANDLERS,
                new StringBuilder());
        List<byte[]> expected = routed.stream().filter(f -> !(u16(f, 12) == 0x0800
                && DROPPED.contains(ip(f, ETH + 16)))).toList();
        assertEquals(describeAll(expected), describeAll(sent));

        assertEquals(1, longHandler(r, "tcpchk.drops"));
        assertEquals(2, longHandler(r, "udpchk.drops"), "bad checksum, bad length");
        assertEquals(1, longHandler(r, "icmpchk.drops"));
        assertEquals(10, longHandler(r, "ids.drops"));
        assertEquals(expected.size(), longHandler(r, "ToNIC@3.count"));
    }
}
