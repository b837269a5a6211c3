package io.jmill.specializer.layout;

import io.jmill.engine.router.Router;
import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import io.jmill.profiler.Profile;
import io.jmill.profiler.Profiler;
import io.jmill.specializer.Routers;
import io.jmill.specializer.Specializer;
import io.jmill.specializer.testelements.Bitmap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live layout swaps: nothing lost, duplicated or garbled. */
class LayoutSwapTest {

    @AfterEach
    void genericAgain() {
        assertSame(MetadataLayout.generic(), MetadataLayout.active(), "the test left the generic layout active");
    }

    private static final String CONFIG = "src :: NumberedSource(BURST 16) -> Paint(3) -> q :: Queue(512)"
            + " -> u :: Unqueue(8) -> ps :: PaintSwitch; ps[0] -> bad :: Counter -> Discard; ps[1] -> bad;"
            + " ps[2] -> bad; ps[3] -> b :: Bitmap";

    private static Profile profile(Router r) throws InterruptedException {
        try (Profiler profiler = new Profiler(r, "t.click")) {
            profiler.start();
            Thread.sleep(300);
            profiler.stop();
            return profiler.snapshot();
        }
    }

    @Test
    void swapsBackAndForthUnderLoadLoseDuplicateAndGarbleNothing() throws Exception {
        int before = PacketPool.inUse();
        Router r = Routers.build(CONFIG);
        Specializer specializer = new Specializer(r);
        int cycles = 30;
        long sent;
        long converted = 0;
        int respecialized = 0;
        try {
            r.start(2, org.agrona.concurrent.YieldingIdleStrategy::new);
            Profile p = profile(r);
            assertTrue(p.fieldTotals().getOrDefault("paint", 0L) > 0, "the profile saw paint accesses: " + p.fieldTotals());
            LayoutPlanner.Planned planned = LayoutPlanner.hotFirst(p);
            MetadataLayout hot = planned.layout();
            assertTrue(hot.offset(MetadataField.PAINT) < 64, planned.decisions());
            assertNotEquals(MetadataLayout.generic().offset(MetadataField.PAINT), hot.offset(MetadataField.PAINT),
                    "the swap moves the paint annotation");
            for (int i = 0; i < cycles; i++) {
                boolean specialize = i % 3 != 2;
                if (specialize) {
                    specializer.apply(specializer.plan(null));
                } else {
                    specializer.revert();
                }
                Thread.sleep(2);
                LayoutSwap.Result toHot = LayoutSwap.swap(r, hot, specializer, null);
                assertSame(hot, MetadataLayout.active());
                assertEquals(specialize, toHot.respecialized(), toHot.toString());
                assertEquals(specialize ? Specializer.State.SPECIALIZED : Specializer.State.GENERIC, specializer.state());
                if (specialize) {
                    assertEquals(hot.name(), toHot.plan().layout(), "the code was planned for the new layout");
                    respecialized++;
                }
                converted += toHot.packetsConverted();
                Thread.sleep(2);
                if (i % 5 == 4) {
                    // and under the hot layout, the specializer on its own
                    specializer.apply(specializer.plan(null));
                    Thread.sleep(1);
                }
                LayoutSwap.Result back = LayoutSwap.swap(r, MetadataLayout.generic(), specializer, null);
                assertSame(MetadataLayout.generic(), MetadataLayout.active());
                converted += back.packetsConverted();
                assertEquals(0, Long.parseLong(r.read("bad.count")), "paint intact after swap " + i);
            }
            // a swap without the specializer withdraws the specialized code
            specializer.apply(specializer.plan(null));
            LayoutSwap.Result r1 = LayoutSwap.swap(r, hot);
            assertNull(r1.plan());
            assertEquals(Specializer.State.GENERIC, specializer.state(), "code made for the old layout never runs again");
            Thread.sleep(5);
            LayoutSwap.swap(r, MetadataLayout.generic());

            r.write("src.active", "false");
            long deadline = System.nanoTime() + SECONDS.toNanos(10);
            while (!r.read("q.length").equals("0") && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(20);
            sent = Long.parseLong(r.read("src.count"));
        } finally {
            r.close();
            if (MetadataLayout.active() != MetadataLayout.generic()) {
                LayoutSwap.swap(r, MetadataLayout.generic()); // stopped: nothing in flight
            }
        }
        assertEquals(0, r.taskErrors(), "no task threw: " + r.firstTaskError());
        long received = Long.parseLong(r.read("b.count"));
        long dropped = Long.parseLong(r.read("q.drops"));
        assertTrue(sent > cycles * 100L, "traffic flowed during the swaps: " + sent);
        assertTrue(converted > 0, "packets were in flight and converted");
        assertEquals(sent, received + dropped, "packets in = packets out + counted drops");
        assertEquals("0", r.read("bad.count"), "every packet kept its paint");
        assertEquals("0", r.read("b.duplicates"), "no packet delivered twice");
        assertEquals(dropped, ((Bitmap) r.element("b")).missing((int) sent), "exactly the dropped ones are missing");
        assertTrue(respecialized > 0);
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
    }

    @Test
    void beforeStartTheLayoutIsSimplyInstalled() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 5000, ACTIVE false) -> Paint(3) -> q :: Queue(10000)"
                + " -> u :: Unqueue -> ps :: PaintSwitch; ps[0] -> bad :: Counter -> Discard; ps[1] -> bad;"
                + " ps[2] -> bad; ps[3] -> b :: Bitmap");
        Specializer specializer = new Specializer(r);
        try {
            MetadataLayout hot = LayoutPlanner.hotFirst(java.util.Map.of("paint", 10L)).layout();
            LayoutSwap.Result res = LayoutSwap.swap(r, hot, specializer, null);
            assertEquals(0, res.tasksPaused(), "nothing ran: nothing to pause");
            assertSame(hot, MetadataLayout.active());
            assertNotNull(specializer.apply(specializer.plan(null)));
            r.start(1);
            r.write("src.active", "true");
            assertTrue(r.awaitStop(20, SECONDS));
        } finally {
            r.close();
            LayoutSwap.swap(r, MetadataLayout.generic(), specializer, null);
        }
        assertEquals("5000", r.read("b.count"));
        assertEquals("0", r.read("bad.count"));
        assertEquals("0", r.read("b.duplicates"));
    }
}
