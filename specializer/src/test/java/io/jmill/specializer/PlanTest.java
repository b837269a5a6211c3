package io.jmill.specializer;

import io.jmill.engine.router.Router;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans: decisions and reasons, text and JSON, profiles that narrow and annotate. */
class PlanTest {

    /** A profile from a map of "element" and "element[port]" counts (absent: 0). */
    private static ProfileView profile(Map<String, Long> counts) {
        return new ProfileView() {
            @Override
            public long edgePackets(String from, int port) {
                return counts.getOrDefault(from + "[" + port + "]", 0L);
            }

            @Override
            public long elementPackets(String element) {
                return counts.getOrDefault(element, 0L);
            }
        };
    }

    private static List<Decision> of(Plan plan, String kind) {
        return plan.decisions().stream().filter(d -> d.kind().equals(kind)).toList();
    }

    @Test
    void everyElementEdgeAndTaskIsDecidedWithAReason() throws Exception {
        Router r = Routers.build("src :: InfiniteSource(LIMIT 1000, BURST 16) -> s :: Strip(14) -> q :: Queue(64)"
                + " -> u :: Unqueue -> d :: Discard");
        try {
            Plan plan = new Specializer(r).plan(null);
            assertEquals("C2", plan.backend());
            assertEquals("generic", plan.layout());
            assertEquals(List.of("backend", "layout", "fold-constants", "fold-constants", "fold-constants",
                    "fold-constants", "fold-constants", "devirtualize-edge", "devirtualize-edge", "devirtualize-edge",
                    "devirtualize-edge", "batch-loop", "batch-loop", "batch-loop"),
                    plan.decisions().stream().map(Decision::kind).toList());
            assertEquals("Strip: length=14", of(plan, "fold-constants").get(1).detail());
            assertTrue(of(plan, "fold-constants").get(0).detail().startsWith("InfiniteSource: stop=false"),
                    of(plan, "fold-constants").get(0).detail());
            assertEquals("input(0) of u calls q.pull(0) on its specialized copy",
                    of(plan, "devirtualize-edge").get(2).detail());
            assertEquals("q [0] -> [0] u", of(plan, "devirtualize-edge").get(2).subject());
            assertEquals(List.of("src", "u", "d"), of(plan, "batch-loop").stream().map(Decision::subject).toList());
            plan.decisions().forEach(d -> assertTrue(!d.reason().isBlank() && !d.detail().isBlank(), d.toString()));
            String text = plan.toText();
            assertTrue(text.startsWith("plan: backend C2, layout generic; 5 elements specialized, 0 generic, "
                    + "4 edges devirtualized, 3 task batch loops\n"), text);
            assertTrue(text.contains("  fold-constants     s: Strip: length=14\n"), text);
        } finally {
            r.close();
        }
    }

    @Test
    void jsonIsEscapedAndComplete() {
        Plan plan = new Plan(List.of(new Decision("keep-generic", "a\"b", "line1\nline2\ttab \\ \u0001", "why")),
                "C2", "generic");
        assertEquals("{\"backend\": \"C2\", \"layout\": \"generic\",\n \"decisions\": [\n"
                + "  {\"kind\": \"keep-generic\", \"subject\": \"a\\\"b\", \"detail\": \"line1\\nline2\\ttab \\\\ \\u0001\","
                + " \"reason\": \"why\"}]}\n", plan.toJson());
        assertEquals(plan, new Plan(List.copyOf(plan.decisions()), "C2", "generic"), "plans are values");
    }

    @Test
    void aProfileAnnotatesEdgesAndLeavesColdElementsGeneric() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 10) -> sw :: PaintSwitch; sw[0] -> hot :: Counter"
                + " -> d :: Discard; sw[1] -> cold :: Counter -> d2 :: Discard");
        try {
            Specializer specializer = new Specializer(r);
            Plan plan = specializer.plan(profile(Map.of("src[0]", 500L, "sw", 500L, "sw[0]", 500L, "hot", 500L,
                    "hot[0]", 500L, "d", 500L)));
            assertEquals(List.of("cold", "d2"), of(plan, "keep-generic").stream().map(Decision::subject).toList());
            assertTrue(of(plan, "keep-generic").getFirst().reason().startsWith("cold: no packets"));
            Decision edge = of(plan, "devirtualize-edge").stream().filter(d -> d.subject().equals("sw [1] -> [0] cold"))
                    .findFirst().orElseThrow();
            assertEquals("output(1) of sw calls cold.push(0) on the generic element; 0 packets in the profile",
                    edge.detail());
            Decision hotEdge = of(plan, "devirtualize-edge").stream()
                    .filter(d -> d.subject().equals("sw [0] -> [0] hot")).findFirst().orElseThrow();
            assertTrue(hotEdge.detail().endsWith("on its specialized copy; 500 packets in the profile"), hotEdge.detail());
            // A profile that saw nothing at all narrows nothing.
            assertTrue(of(specializer.plan(profile(Map.of())), "keep-generic").isEmpty());
        } finally {
            r.close();
        }
    }

    @Test
    void aCycleIsClosedByACallToTheGenericElement() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 10) -> ps :: PaintSwitch; ps[0] -> d :: Discard;"
                + " ps[1] -> p :: Paint(0) -> ps");
        try {
            Plan plan = new Specializer(r).plan(null);
            Decision back = of(plan, "devirtualize-edge").stream().filter(d -> d.subject().equals("p [0] -> [0] ps"))
                    .findFirst().orElseThrow();
            assertTrue(back.detail().contains("on the generic element (the call closes a cycle"), back.detail());
        } finally {
            r.close();
        }
    }
}
