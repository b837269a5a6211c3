package io.jmill.specializer;

import io.jmill.engine.element.Element;
import io.jmill.engine.handler.Handler;
import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.testelements.Record;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same graphs, on the same deterministic input, run generic and specialized on worker threads:
 * what each sink receives (bytes, paint, order), and every handler value, must be identical.
 * Sources start inactive; the specialized run swaps the code in before activating them, so that
 * every packet goes through specialized code.
 */
class DifferentialTest {
    private static final String SOURCE = "NumberedSource(LIMIT 3000, ACTIVE false)";

    /** What a run produced: each Record's packets and every readable handler's value. */
    private record Outcome(Map<String, List<String>> received, Map<String, String> handlers) {
    }

    @Test
    void linearChain() throws Exception {
        same("src :: " + SOURCE + " -> c :: Counter -> p :: Paint(7) -> pr :: Probe -> s :: Strip(14)"
                + " -> u :: Unstrip(14) -> n :: Null -> pb :: PaintByNumber(4) -> r :: Record", 1);
    }

    @Test
    void handlerCallFromSpecializedCode() throws Exception {
        // The counter stops the router from inside the data path; the batch in progress completes.
        Outcome o = same("src :: " + SOURCE + " -> c :: Counter(COUNT_CALL 2000 stop) -> pr :: Probe -> r :: Record", 1);
        assertEquals("2016", o.handlers().get("c.count"));
    }

    @Test
    void teeFanOut() throws Exception {
        same("src :: " + SOURCE + " -> t :: Tee(3); t[0] -> Paint(1) -> r0 :: Record;"
                + " t[1] -> Strip(10) -> pr :: Probe -> r1 :: Record; t[2] -> r2 :: Record", 1);
    }

    @Test
    void switchWithComputedPorts() throws Exception {
        same("src :: " + SOURCE + " -> pb :: PaintByNumber(4) -> sw :: PaintSwitch;"
                + " sw[0] -> r0 :: Record; sw[1] -> pr :: Probe -> r1 :: Record;"
                + " sw[2] -> ps :: ParitySwitch; ps[0] -> r2 :: Record; ps[1] -> d :: Discard", 1);
        // paint 3 has no output: PaintSwitch's checkedOutput drops it in both runs (counted by nobody)
    }

    @Test
    void cycleCallsTheGenericElementOnItsBackEdge() throws Exception {
        // Packets painted 1 are repainted 0 and go round once more: through the generic PaintSwitch,
        // which calls the generic elements after it.
        Outcome o = same("src :: " + SOURCE + " -> pb :: PaintByNumber(2) -> ps :: PaintSwitch;"
                + " ps[0] -> pr :: Probe -> r :: Record; ps[1] -> p :: Paint(0) -> ps", 1, false);
        assertEquals("1500", o.handlers().get("pr.specialized"));
        assertEquals("1500", o.handlers().get("pr.generic"));
    }

    @Test
    void queueAndUnqueuePullPath() throws Exception {
        same("src :: " + SOURCE + " -> q :: Queue(100000) -> u :: Unqueue -> c :: Counter -> pr :: Probe"
                + " -> r :: Record", 1);
    }

    @Test
    void pullingDiscardTask() throws Exception {
        Outcome o = same("src :: " + SOURCE + " -> Paint(2) -> q :: Queue(100000) -> s :: Strip(1) -> d :: Discard", 1);
        assertEquals("3000", o.handlers().get("d.count"));
    }

    @Test
    void compoundElementsWithFlattenedNames() throws Exception {
        Outcome o = same("elementclass Stage { input -> c :: Counter -> Paint(5) -> pr :: Probe -> output }"
                + " src :: " + SOURCE + " -> a :: Stage -> b :: Stage -> r :: Record", 1);
        assertEquals("3000", o.handlers().get("a/c.count"));
        assertEquals("3000", o.handlers().get("b/pr.specialized"));
    }

    @Test
    void severalThreads() throws Exception {
        same("a :: " + SOURCE + " -> ca :: Counter -> pa :: Probe -> ra :: Record;"
                + " b :: NumberedSource(LIMIT 3000, LENGTH 100, ACTIVE false) -> Strip(4) -> q :: Queue(100000)"
                + " -> u :: Unqueue -> cb :: Counter -> pb :: Probe -> rb :: Record", 3);
    }

    /**
     * Runs {@code config} generic, then specialized; asserts identical outcomes (and, if
     * {@code allSpecialized}, that every Probe saw only specialized calls); returns the specialized one.
     */
    private static Outcome same(String config, int threads) throws Exception {
        return same(config, threads, true);
    }

    private static Outcome same(String config, int threads, boolean allSpecialized) throws Exception {
        Outcome generic = run(config, threads, false);
        Outcome specialized = run(config, threads, true);
        assertFalse(generic.received().values().stream().allMatch(List::isEmpty)
                && !generic.handlers().containsKey("d.count"), "the graph moved packets");
        assertEquals(generic.received(), specialized.received(), "packets received by each sink");
        Map<String, String> g = new TreeMap<>(generic.handlers());
        Map<String, String> s = new TreeMap<>(specialized.handlers());
        // Probes count differently by design: all generic, or all specialized. A queue's high-water
        // mark depends on thread timing, not on the code.
        g.keySet().removeIf(k -> k.contains("pr.") || k.contains("pa.") || k.contains("pb.") || k.contains("highwater"));
        s.keySet().removeIf(k -> k.contains("pr.") || k.contains("pa.") || k.contains("pb.") || k.contains("highwater"));
        assertEquals(g, s, "handler values");
        specialized.handlers().forEach((k, v) -> {
            if (allSpecialized && k.endsWith(".generic")) {
                assertEquals("0", v, k + ": every packet went through specialized code");
            }
        });
        return specialized;
    }

    private static Outcome run(String config, int threads, boolean specialize) throws Exception {
        int before = PacketPool.inUse();
        Router r = Routers.build(config);
        Specializer specializer = new Specializer(r);
        try {
            r.start(threads);
            if (specialize) {
                Specialization s = specializer.apply(specializer.plan(null));
                assertEquals(r.elements().size(), s.specializedElements().size(), s.decisions().toString());
                assertEquals(Specializer.State.SPECIALIZED, specializer.state());
            }
            for (Element e : r.elements()) {
                if (e instanceof TrafficSource) {
                    r.write(e.name() + ".active", "true");
                }
            }
            assertTrue(r.awaitStop(30, SECONDS), "end of input, or a stop");
            assertEquals(0, r.taskErrors(), "no task threw: " + r.firstTaskError());
        } finally {
            r.close();
        }
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
        Map<String, List<String>> received = new TreeMap<>();
        Map<String, String> handlers = new TreeMap<>();
        for (Element e : r.elements()) {
            if (e instanceof Record rec) {
                received.put(e.name(), rec.recorded());
            }
            for (Handler h : r.handlers(e).all()) {
                if (h.readable() && !h.name().contains("rate")) {
                    handlers.put(e.name() + "." + h.name(), h.reader().read());
                }
            }
        }
        return new Outcome(received, handlers);
    }
}
