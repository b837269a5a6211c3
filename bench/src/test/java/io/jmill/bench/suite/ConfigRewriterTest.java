package io.jmill.bench.suite;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.FlatConfig;
import io.jmill.engine.lang.FlatConnection;
import io.jmill.engine.lang.FlatElement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigRewriterTest {
    private static final ElementRegistry REGISTRY = ConfigRewriter.registry();

    private static FlatConfig parse(String text) throws Exception {
        return ClickParser.parse("test.click", text, Map.of());
    }

    private static List<String> connections(FlatConfig c) {
        return c.connections().stream().map(x -> x.from() + "[" + x.fromPort() + "]->[" + x.toPort() + "]" + x.to())
                .toList();
    }

    @Test
    void imixBecomesThreeWeightedSourcesWiredAlike() throws Exception {
        FlatConfig c = ConfigRewriter.expandImix(parse("src :: InfiniteSource(LENGTH imix, STOP false) -> Discard;"));
        List<FlatElement> sources = c.elements().stream().filter(e -> e.className().equals("InfiniteSource")).toList();
        assertEquals(List.of("LENGTH 64, BURST 28, STOP false", "LENGTH 576, BURST 16, STOP false",
                "LENGTH 1500, BURST 4, STOP false"), sources.stream().map(FlatElement::config).toList());
        assertEquals(3, c.connections().stream().filter(x -> x.to().equals("Discard@2")).count(), connections(c).toString());
    }

    @Test
    void imixWithBurstIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfigRewriter.expandImix(parse("InfiniteSource(LENGTH imix, BURST 8) -> Discard;")));
    }

    @Test
    void stampsFollowSourcesAndProbesPrecedeOutputSinks() throws Exception {
        var inst = ConfigRewriter.instrument(parse("""
                s :: InfiniteSource -> c :: Counter -> d :: Discard;
                s2 :: InfiniteSource -> c;
                """), REGISTRY, 7);
        assertEquals(List.of("d"), inst.sinks());
        assertEquals(1, inst.probes().size(), "one probe per sink input");
        List<String> conns = connections(inst.config());
        assertTrue(conns.contains("s[0]->[0]bench_stamp@0"), conns.toString());
        assertTrue(conns.contains("bench_stamp@0[0]->[0]c"), conns.toString());
        assertTrue(conns.contains("c[0]->[0]" + inst.probes().getFirst()), conns.toString());
        assertTrue(conns.contains(inst.probes().getFirst() + "[0]->[0]d"), conns.toString());
        assertEquals("7", inst.config().elements().stream().filter(e -> e.name().equals("bench_stamp@0"))
                .findFirst().orElseThrow().config());
    }

    @Test
    void withoutLatencyTheSinksOnlyCountAndNothingIsStamped() throws Exception {
        var inst = ConfigRewriter.instrument(parse("s :: InfiniteSource -> c :: Counter -> d :: Discard;"), REGISTRY, 0);
        List<String> conns = connections(inst.config());
        assertTrue(conns.contains("s[0]->[0]c"), conns.toString());
        assertEquals(List.of("CountProbe"), inst.config().elements().stream()
                .filter(e -> e.name().startsWith("bench_")).map(FlatElement::className).toList());
        assertTrue(conns.contains(inst.probes().getFirst() + "[0]->[0]d"), conns.toString());
    }

    @Test
    void discardOnlyCountsWhenThereIsNoOtherSink() throws Exception {
        // Queue has outputs; the only sinks are the two Discards, so both are measured.
        var inst = ConfigRewriter.instrument(parse("""
                s :: InfiniteSource -> t :: Tee(2);
                t[0] -> a :: Discard;
                t[1] -> b :: Discard;
                """), REGISTRY, 1);
        assertEquals(2, inst.probes().size());
        for (FlatConnection c : inst.config().connections()) {
            assertTrue(!c.to().equals("a") || c.from().startsWith("bench_probe"), c.toString());
        }
    }
}
