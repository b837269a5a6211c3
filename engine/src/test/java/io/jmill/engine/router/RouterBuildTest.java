package io.jmill.engine.router;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testelements.TPass;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterBuildTest {
    static Router build(String config) throws ConfigException {
        return new RouterBuilder(ElementRegistry.load()).build(ClickParser.parse("t.click", config, Map.of()));
    }

    static List<String> errors(String config) {
        ConfigException e = assertThrows(ConfigException.class, () -> build(config));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void indexedTestElementsAreDiscoveredWithTheirDocs() {
        ElementRegistry r = ElementRegistry.load();
        ElementClass pass = r.find("TPass");
        assertNotNull(pass);
        assertEquals(TPass.class, pass.type());
        assertEquals("Test pass-through that counts packets; FAIL_EVERY n throws on every n-th packet (after killing it).",
                pass.synopsis());
        assertEquals(1, pass.ports().maxOutputs());
    }

    @Test
    void configHandlerWritesClicksLayoutWithCompoundElementsLastAndConnectionsAsChains() throws Exception {
        Router r = build("""
                require(compact_config)
                elementclass P { input -> TPass -> output }
                s :: TSource -> P -> b :: TPass -> t :: TSplit;
                t [1] -> TSink; t -> [0] q :: TQueue -> TSink;
                """);
        assertEquals("""
                require(compact_config);

                s :: TSource;
                b :: TPass;
                t :: TSplit;
                TSink@5 :: TSink;
                q :: TQueue;
                TSink@7 :: TSink;
                P@2/TPass@1 :: TPass;

                t [1] -> TSink@5;
                s -> P@2/TPass@1
                    -> b
                    -> t
                    -> q
                    -> TSink@7;
                """, r.read("config"));
        r.close();
    }

    @Test
    void hookupErrorsCarryClicksTextAtTheElementsLandmark() {
        ConfigException e = assertThrows(ConfigException.class, () -> build("""
                s :: TSource -> TSink;
                s -> TSink;
                TSource -> p :: TPass;
                """));
        assertEquals(List.of(
                "t.click:2:3: s: illegal reuse of 's :: TSource' push output 0 (connected more than once)",
                "t.click:3:12: p: output 0 not connected"), e.errors().stream().map(ConfigError::toString).toList());
        assertEquals(List.of("t.click:1: illegal reuse of 's :: TSource' push output 0",
                "t.click:3: 'p :: TPass' output 0 unused"), e.errors().stream().map(ConfigError::inClicksLayout).toList());
    }

    @Test
    void agnosticPortsResolveFromTheirNeighbours() throws Exception {
        Router r = build("TSource -> a :: TPass -> TQueue -> b :: TPass -> TSink;");
        Element a = r.element("a");
        Element b = r.element("b");
        assertTrue(a.inputIsPush(0));
        assertTrue(a.outputIsPush(0));
        assertFalse(b.inputIsPush(0), "downstream of a queue, an agnostic element is pulled");
        assertFalse(b.outputIsPush(0));
        assertEquals("1 input (pull)\n1 output (pull)", b.describePorts());
        r.close();
    }

    @Test
    void allErrorsAreReportedAtOnceWithLocations() {
        List<String> errs = errors("""
                s :: TSource;
                p :: TPas;
                q :: TPass(FAIL_EVRY 3);
                s -> q -> x :: TSink;
                sw :: TSwitch;
                TSource -> sw; sw [2] -> TSink;
                """);
        assertEquals(List.of(
                "t.click:2:1: p: unknown element class 'TPas' (did you mean TPass?)",
                "t.click:3:1: q: unknown keyword 'FAIL_EVRY' (did you mean FAIL_EVERY?)",
                "t.click:5:1: sw: TSwitch has 3 outputs, needs 1 to 2 outputs"), errs);
    }

    @Test
    void connectionErrorsNameBothEnds() {
        List<String> errs = errors("""
                s :: TSource; q :: TQueue; k :: TPull; z :: TSink;
                s -> q -> k -> z;
                s2 :: TSource -> k;
                s3 :: TSource; s3 -> TSink; s3 -> TSink;
                TPass;
                """);
        assertEquals(List.of(
                "t.click:3:15: s2: push output 0 connected to pull input 0 of 'k'",
                "t.click:4:32: s3: illegal reuse of 's3 :: TSource' push output 0 (connected more than once)",
                "t.click:5:1: TPass@9: input 0 not connected",
                "t.click:5:1: TPass@9: output 0 not connected"), errs);
    }

    @Test
    void configurationAndConnectionErrorsComeTogetherWithoutNoiseFromFailedElements() {
        List<String> errs = errors("""
                s :: TSource -> bad :: TPass(FAIL_EVERY x) -> TSink;
                TSource -> TQueue -> z :: TSink;
                TPass;
                """);
        assertEquals(List.of(
                "t.click:1:17: bad: FAIL_EVERY: expected integer, got 'x'",
                "t.click:3:1: TPass@7: input 0 not connected",
                "t.click:3:1: TPass@7: output 0 not connected"), errs);
    }

    @Test
    void initializeFailuresAreReportedAndNothingLeaks() {
        int before = PacketPool.inUse();
        List<String> errs = errors("TSource -> b :: TBadInit(\"no such file\") -> TSink;");
        assertEquals(List.of("t.click:1:12: b: no such file"), errs);
        assertEquals(before, PacketPool.inUse());
    }

    @Test
    void uppercaseWordsThatAreNotTheElementsKeywordsArePlainArgumentsAsInClick() throws Exception {
        Router r = build("TSource -> b :: TBadInitLabel(RX, 4) -> TSink;");
        assertEquals("RX/4", r.read("b.label"));
        r.close();
        // A near-miss of a real keyword stays an error with a suggestion.
        assertEquals(List.of("t.click:1:12: b: unknown keyword 'LIMTI' (did you mean LIMIT?)"),
                errors("TSource -> b :: TBadInitLabel(RX, LIMTI 4) -> TSink;"));
    }

    @Test
    void unsupportedRequirementsAreErrors() {
        List<String> errs = errors("require(package \"fastclick-dpdk\"); TSource -> TSink;");
        assertEquals(1, errs.size());
        assertTrue(errs.getFirst().startsWith("t.click:1:"), errs.getFirst());
        assertTrue(errs.getFirst().endsWith("package 'fastclick-dpdk' is not available (JMill provides: jmill)"),
                errs.getFirst());
        assertTrue(errors("require(jmill 9.0); TSource -> TSink;").getFirst().endsWith("requires jmill 9.0, this is 0.1"));
    }

    @Test
    void handlersAreReachableByPathAndCommonOnesExist() throws Exception {
        Router r = build("s :: TSource -> c :: TPass -> TSink;");
        assertEquals("0", r.read("c.count"));
        r.write("c.set", "41");
        assertEquals("41", r.read("c.count"));
        assertEquals("TPass", r.read("c.class"));
        assertEquals("1 input (push)\n1 output (push)", r.read("c.ports"));
        assertTrue(r.read("c.handlers").contains("count\tr"));
        assertTrue(r.read("c.handlers").contains("set\tw"));
        assertEquals("3\ns\nc\nTSink@3", r.read("list"));
        var bad = assertThrows(io.jmill.engine.handler.HandlerException.class, () -> r.write("c.set", "x"));
        assertEquals("expected a number, not 'x'", bad.getMessage());
        assertEquals("element 'c' has no handler 'cont'",
                assertThrows(io.jmill.engine.handler.HandlerException.class, () -> r.read("c.cont")).getMessage());
        assertEquals("no element 'nope'",
                assertThrows(io.jmill.engine.handler.HandlerException.class, () -> r.read("nope.count")).getMessage());
        assertEquals("handler 'c.set' is write-only",
                assertThrows(io.jmill.engine.handler.HandlerException.class, () -> r.read("c.set")).getMessage());
        r.close();
    }
}
