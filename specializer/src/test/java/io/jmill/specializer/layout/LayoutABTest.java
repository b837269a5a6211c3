package io.jmill.specializer.layout;

import io.jmill.engine.router.Router;
import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.Routers;
import io.jmill.specializer.Specializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A/B tests of layouts: alternation, the paired statistics, and the router left on the winner. */
class LayoutABTest {

    @AfterEach
    void genericAgain() {
        assertSame(MetadataLayout.generic(), MetadataLayout.active(), "the test left the generic layout active");
    }

    @Test
    void confidenceIntervalOfPairedLogRatios() {
        double[] ci = LayoutAB.confidence(new double[] {0.10, 0.12, 0.08, 0.10});
        assertEquals(0.10, ci[0], 1e-12);
        // sd = 0.01633, n = 4, t(3) = 3.182: half width 0.02598
        assertEquals(0.10 - 0.025981, ci[1], 1e-5);
        assertEquals(0.10 + 0.025981, ci[2], 1e-5);
        assertEquals(12.706, LayoutAB.t975(1));
        assertEquals(2.042, LayoutAB.t975(30));
        assertEquals(1.960, LayoutAB.t975(500));
    }

    @Test
    void verdicts() {
        MetadataLayout a = MetadataLayout.generic();
        MetadataLayout b = LayoutPlanner.hotFirst(Map.of("paint", 100L)).layout();
        List<LayoutAB.Epoch> e = List.of(new LayoutAB.Epoch(1, a.name(), 10), new LayoutAB.Epoch(1, b.name(), 11),
                new LayoutAB.Epoch(2, b.name(), 11), new LayoutAB.Epoch(2, a.name(), 10));
        assertTrue(new LayoutAB.Result(a, b, e, 1.1, 1.05, 1.15, b).summary().endsWith(b.name() + " is faster: kept"));
        assertTrue(new LayoutAB.Result(a, b, e, 0.9, 0.85, 0.95, a).summary().endsWith("generic is faster: kept"));
        String text = new LayoutAB.Result(a, b, e, 1.01, 0.97, 1.05, a).toText();
        assertTrue(text.startsWith("A/B generic vs " + b.name() + " over 2 pairs: " + b.name() + "/generic = x1.010"
                + " (95% CI x0.970-x1.050); no difference beyond the noise: generic kept\n"), text);
        assertEquals(5, text.lines().count());
    }

    @Test
    void alternatesTheLayoutsOnLiveTrafficAndEndsOnTheWinner() throws Exception {
        int before = PacketPool.inUse();
        Router r = Routers.build("src :: NumberedSource(BURST 16) -> Paint(3) -> q :: Queue(512) -> u :: Unqueue(8)"
                + " -> ps :: PaintSwitch; ps[0] -> bad :: Counter -> Discard; ps[1] -> bad; ps[2] -> bad;"
                + " ps[3] -> c :: Counter -> Discard");
        Specializer specializer = new Specializer(r);
        MetadataLayout hot = LayoutPlanner.hotFirst(Map.of("paint", 1000L)).layout();
        assertTrue(hot.offset(MetadataField.PAINT) != MetadataLayout.generic().offset(MetadataField.PAINT));
        try {
            r.start(2, org.agrona.concurrent.YieldingIdleStrategy::new);
            specializer.apply(specializer.plan(null));
            LayoutAB.Result res = LayoutAB.run(r, specializer, MetadataLayout.generic(), hot, 3,
                    Duration.ofMillis(20), Duration.ofMillis(60), null);
            assertEquals(List.of("generic", hot.name(), hot.name(), "generic", "generic", hot.name()),
                    res.epochs().stream().map(LayoutAB.Epoch::layout).toList(), "A B, B A, A B");
            res.epochs().forEach(ep -> assertTrue(ep.mpps() > 0, ep.toString()));
            assertTrue(res.low() <= res.ratio() && res.ratio() <= res.high(), res.summary());
            assertSame(res.winner(), MetadataLayout.active(), "the router runs on the winner");
            assertSame(res.winner() == hot ? hot : MetadataLayout.generic(), res.winner());
            assertEquals(Specializer.State.SPECIALIZED, specializer.state(), "specialized code under the winner");
            assertEquals("0", r.read("bad.count"), "every packet kept its paint through the swaps");
            assertThrows(IllegalArgumentException.class, () -> LayoutAB.run(r, specializer, MetadataLayout.generic(),
                    hot, 1, Duration.ofMillis(1), Duration.ofMillis(1), null));
            LayoutSwap.swap(r, MetadataLayout.generic(), specializer, null);
        } finally {
            r.close();
        }
        assertEquals(0, r.taskErrors(), "no task threw: " + r.firstTaskError());
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
    }

    @Test
    void withoutTrafficThereIsNothingToCompareAndTheIncumbentStays() throws Exception {
        Router r = Routers.build("src :: NumberedSource(ACTIVE false) -> c :: Counter -> Discard");
        MetadataLayout hot = LayoutPlanner.hotFirst(Map.of("paint", 1000L)).layout();
        try {
            r.start(1, org.agrona.concurrent.YieldingIdleStrategy::new);
            var e = assertThrows(IllegalStateException.class, () -> LayoutAB.run(r, null, MetadataLayout.generic(),
                    hot, 2, Duration.ofMillis(5), Duration.ofMillis(20), null));
            assertTrue(e.getMessage().contains("nothing to compare"), e.getMessage());
            assertSame(MetadataLayout.generic(), MetadataLayout.active(), "back on the incumbent");
        } finally {
            r.close();
        }
    }
}
