package io.jmill.cli;

import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jmill.cli.ExampleSupport.Result;
import static io.jmill.cli.ExampleSupport.assertSpecialized;
import static io.jmill.cli.ExampleSupport.withoutSpecializerHandlers;
import static io.jmill.cli.ExampleSupport.describeAll;
import static io.jmill.cli.ExampleSupport.readPcap;
import static io.jmill.cli.ExampleSupport.runExample;
import static io.jmill.cli.ExampleSupport.runSpecialized;
import static io.jmill.cli.ExampleSupport.writePcap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example NF runs generic ({@code --specialize off}) and specialized from the first packet
 * ({@code --specialize now}) on the same capture: the same frames must leave in the same order,
 * and every handler value (counters, drops, per-rule hits, table sizes) must be equal. The
 * specialized run must really have run generated code for every element (else generic would be
 * compared with generic): its specializer handlers are checked by {@link ExampleSupport#assertSpecialized}.
 */
class ExampleDifferentialTest {
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    private static List<ExampleTraffic.Case> traffic(String name) {
        return switch (name) {
            case "router", "ids-router" -> ExampleTraffic.router();
            case "nat" -> ExampleTraffic.nat();
            default -> ExampleTraffic.mirror();
        };
    }

    private static List<String> handlers(String name) {
        List<String> h = new ArrayList<>();
        switch (name) {
            case "router" -> h.addAll(ExampleRouterTest.HANDLERS);
            case "ids-router" -> {
                h.addAll(ExampleRouterTest.HANDLERS);
                h.addAll(List.of("proto.hits", "tcpchk.drops", "udpchk.drops", "icmpchk.drops", "ids.hits", "ids.drops"));
            }
            case "nat" -> h.addAll(ExampleNatTest.HANDLERS);
            case "forwarder" -> h.addAll(List.of("EtherMirror@2.drops", "ToNIC@3.count"));
            default -> h.addAll(List.of("EtherMirror@3.drops", "ToNIC@4.count", "wp.count"));
        }
        return h;
    }

    /** Elements of each example: with {@code --specialize now} and no profile, the plan specializes all of them. */
    private static int elements(String name) {
        return switch (name) {
            case "forwarder" -> 3;
            case "router" -> 29;
            case "ids-router" -> 34;
            case "nat" -> 13;
            case "workpackage" -> 4;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"forwarder", "router", "ids-router", "nat", "workpackage"})
    void genericAndSpecializedAgreeExactly(String name, @TempDir Path dir) throws Exception {
        agree(name, dir);
    }

    /**
     * Runs example {@code name} generic and specialized ({@code --specialize now} and
     * {@code specializeOptions}) on the same capture, asserts identical frames and handler values,
     * and returns the specialized run.
     */
    static Result agree(String name, Path dir, String... specializeOptions) throws Exception {
        List<String> options = new ArrayList<>(List.of("--specialize", "now"));
        options.addAll(List.of(specializeOptions));
        Path in = dir.resolve("in.pcap");
        writePcap(in, ExampleTraffic.frames(traffic(name)));
        Path genericOut = dir.resolve("generic.pcap");
        Path specializedOut = dir.resolve("specialized.pcap");
        Result generic = runExample(name, in, genericOut, handlers(name), "--specialize", "off");
        Result specialized = runSpecialized(name, in, specializedOut, handlers(name), options.toArray(String[]::new));
        assertSpecialized(specialized, elements(name), Map.of());
        List<byte[]> g = readPcap(genericOut);
        List<byte[]> s = readPcap(specializedOut);
        assertTrue(!g.isEmpty(), "the capture produces output");
        assertEquals(g.size(), s.size(), () -> "generic:\n" + describeAll(g) + "specialized:\n" + describeAll(s));
        for (int i = 0; i < g.size(); i++) {
            assertArrayEquals(g.get(i), s.get(i), "frame " + i);
        }
        assertEquals(generic.out(), withoutSpecializerHandlers(specialized), "every handler value");
        return specialized;
    }
}
