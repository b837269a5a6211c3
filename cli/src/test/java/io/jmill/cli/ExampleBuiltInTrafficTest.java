package io.jmill.cli;

import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.jmill.cli.ExampleFrames.*;
import static io.jmill.cli.ExampleSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every example NF forwards all of the simulated NIC's built-in traffic, as `jmill run` gives it. */
class ExampleBuiltInTrafficTest {
    private static final int PACKETS = 20_000;

    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    /** {@code jmill run examples/NAME.click LIMIT=... -h ...} on the built-in traffic. */
    private static Result run(String name, List<String> handlers, String... vars) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", example(name).toString(), "LIMIT=" + PACKETS, "--quiet",
                "-h", "task_errors"));
        for (String h : handlers) {
            args.addAll(List.of("-h", h));
        }
        args.addAll(List.of(vars));
        Result r = jmill(args);
        assertEquals(0, r.status(), () -> r.err() + r.out());
        assertEquals("0", handler(r, "task_errors"));
        return r;
    }

    @ParameterizedTest
    @CsvSource({
            "forwarder,   ToNIC@3,   EtherMirror@2.drops",
            "workpackage, ToNIC@4,   EtherMirror@3.drops",
            "router,      ToNIC@3,   r/chk.drops r/rt.drops r/tohost.count r/link1/oc.drops r/other.count",
            "ids-router,  ToNIC@3,   r/chk.drops r/rt.drops tcpchk.drops udpchk.drops ids.drops r/link1/oc.drops",
            "nat,         out,       chk.drops rw.drops rw.mapping_failures stray.count"})
    void forwardsAllOfIt(String name, String toNic, String zeroes) throws Exception {
        List<String> handlers = new ArrayList<>(List.of(toNic + ".count"));
        List<String> zero = List.of(zeroes.split(" "));
        handlers.addAll(zero);
        Result r = run(name, handlers);
        assertEquals(PACKETS, longHandler(r, toNic + ".count"), r.out());
        for (String h : zero) {
            assertEquals(0, longHandler(r, h), h);
        }
    }

    @Test
    void theRoutersTrafficSpreadsOverAllSixtyFourRoutes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.pcap");
        run("router", List.of(), "LIMIT=4096", "OUT=" + out);
        List<byte[]> sent = readPcap(out);
        assertEquals(4096, sent.size());
        Set<String> prefixes = sent.stream().map(f -> ip(f, ETH + 16).replaceAll("\\.\\d+$", "") + "/" + u8(f, ETH + 19) / 64)
                .collect(Collectors.toSet());
        assertEquals(64, prefixes.size(), "the /26 routes hit: " + prefixes);
        assertEquals(4096, sent.stream().map(f -> ip(f, ETH + 16)).distinct().count());
    }

    @Test
    void theNatMapsEveryFlow() throws Exception {
        Result r = run("nat", List.of("rw.nmappings"));
        assertEquals(4096, longHandler(r, "rw.nmappings"));
    }
}
