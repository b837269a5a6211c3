package io.jmill.specializer;

import io.jmill.engine.router.Router;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.testelements.Bitmap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Swapping specialized code in and out of running workers. */
class HotSwapTest {

    /** A profile that saw {@code n} packets everywhere: plans made from different n differ (their edge notes do). */
    private static ProfileView uniform(long n) {
        return new ProfileView() {
            @Override
            public long edgePackets(String from, int port) {
                return n;
            }

            @Override
            public long elementPackets(String element) {
                return n;
            }
        };
    }

    @Test
    void thousandsOfSwapsUnderLoadLoseAndDuplicateNothing() throws Exception {
        int before = PacketPool.inUse();
        Router r = Routers.build("src :: NumberedSource(BURST 16) -> c :: Counter -> pr :: Probe -> q :: Queue(512)"
                + " -> u :: Unqueue(8) -> sw :: ParitySwitch; sw[0] -> Paint(1) -> [0] b :: Bitmap;"
                + " sw[1] -> s :: Strip(0) -> [1] b");
        Specializer specializer = new Specializer(r);
        int cycles = 2000;
        long sent;
        try {
            // Workers that yield instead of parking when idle acknowledge swaps within microseconds.
            r.start(2, org.agrona.concurrent.YieldingIdleStrategy::new);
            Plan plan = specializer.plan(null);
            for (int i = 0; i < cycles; i++) {
                // Mostly one cached plan (as an A/B controller alternates); every 100th a new plan, generated afresh.
                specializer.apply(i % 100 == 99 ? specializer.plan(uniform(i)) : plan);
                assertEquals(Specializer.State.SPECIALIZED, specializer.state());
                specializer.revert();
                assertEquals(Specializer.State.GENERIC, specializer.state());
            }
            r.write("src.active", "false");
            // Let the source's last batch end (its task has reported every packet the source
            // counted: that run is over) and the queue drain (Unqueue takes the rest).
            io.jmill.engine.runtime.ScheduledTask srcTask = r.tasks().stream()
                    .filter(t -> t.element().name().equals("src")).findFirst().orElseThrow();
            long deadline = System.nanoTime() + SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && !(srcTask.packets() == Long.parseLong(r.read("src.count"))
                    && r.read("q.length").equals("0"))) {
                Thread.sleep(1);
            }
            Thread.sleep(20);
            sent = Long.parseLong(r.read("src.count"));
        } finally {
            r.close();
        }
        assertEquals(0, r.taskErrors(), "no task threw: " + r.firstTaskError());
        long received = Long.parseLong(r.read("b.count"));
        long dropped = Long.parseLong(r.read("q.drops"));
        assertTrue(sent > cycles, "traffic flowed during the swaps: " + sent);
        assertEquals(sent, received + dropped, "packets in = packets out + counted drops");
        assertEquals("0", r.read("b.duplicates"), "no packet delivered twice");
        assertEquals(dropped, ((Bitmap) r.element("b")).missing((int) sent), "exactly the dropped ones are missing");
        assertEquals(Long.toString(sent), r.read("c.count"), "the counter saw every packet, generic or specialized");
        assertTrue(Long.parseLong(r.read("pr.specialized")) > 0, "specialized code ran");
        assertTrue(Long.parseLong(r.read("pr.generic")) > 0, "generic code ran");
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
        List<SwapEvent> history = specializer.history();
        assertEquals(Specializer.HISTORY_SIZE, history.size(), "history is bounded");
        assertEquals(SwapEvent.Kind.REVERT, history.getLast().kind());
    }

    @Test
    void handlersOnTheOriginalSeeWhatTheCopyCounts() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 5000, ACTIVE false) -> c :: Counter -> pr :: Probe"
                + " -> q :: Queue(10000) -> d :: Discard");
        Specializer specializer = new Specializer(r);
        try {
            r.start(1);
            specializer.apply(specializer.plan(null));
            r.write("src.active", "true");
            assertTrue(r.awaitStop(10, SECONDS));
        } finally {
            r.close();
        }
        assertEquals("5000", r.read("c.count"));
        assertEquals("300000", r.read("c.byte_count"));
        assertEquals("5000", r.read("pr.specialized"));
        assertEquals("0", r.read("pr.generic"));
        assertEquals("5000", r.read("d.count"));
    }

    @Test
    void specializedCodeThatThrowsIsRevertedAndRecorded() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 1000, ACTIVE false, BURST 10) -> t :: Thrower"
                + " -> b :: Bitmap");
        r.errorLog(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        Specializer specializer = new Specializer(r);
        try {
            r.start(1);
            specializer.apply(specializer.plan(null));
            assertEquals(Specializer.State.SPECIALIZED, specializer.state());
            r.write("src.active", "true");
            assertTrue(r.awaitStop(10, SECONDS));
        } finally {
            r.close();
        }
        assertEquals(1, r.taskErrors(), "the specialized copy threw once, then the generic code ran");
        assertEquals(Specializer.State.GENERIC, specializer.state());
        SwapEvent last = specializer.history().getLast();
        assertEquals(SwapEvent.Kind.REVERT_ON_ERROR, last.kind());
        assertTrue(last.detail().contains("task src") && last.detail().contains("thrown by the specialized copy"),
                last.detail());
        // The packet being pushed when the copy threw is lost with its batch (the router's rule); the
        // rest of the batch was never made.
        assertEquals("1000", r.read("src.count"));
        assertEquals("999", r.read("b.count"));
    }

    @Test
    void specializedCodeThatThrowsInABatchFreesTheRestOfTheBatch() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 100, BURST 10, ACTIVE false, BATCH true)"
                + " -> t :: Thrower -> c :: Counter -> d :: Discard");
        r.errorLog(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        int before = PacketPool.inUse();
        Specializer specializer = new Specializer(r);
        try {
            r.start(1);
            specializer.apply(specializer.plan(null));
            r.write("src.active", "true");
            assertTrue(r.awaitStop(10, SECONDS));
        } finally {
            r.close();
        }
        assertEquals(1, r.taskErrors(), "the copy threw once, then the generic code ran");
        // The generated batch loop failed on the first packet of a batch of 10: that packet is lost,
        // the 9 after it were freed, and the generic code ran the other 9 batches.
        assertEquals("90", r.read("c.count"));
        assertEquals(before + 1, PacketPool.inUse(), "only the packet the copy threw on is lost");
    }

    @Test
    void applyBeforeStartRunsSpecializedFromTheFirstPacket() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 1000) -> c :: Counter -> d :: Discard");
        try {
            Specializer specializer = new Specializer(r);
            specializer.apply(specializer.plan(null));
            assertEquals(Specializer.State.SPECIALIZED, specializer.state());
            assertTrue(r.tasks().getFirst().slot().current() != r.tasks().getFirst().slot().generic());
            r.start(1);
            assertTrue(r.awaitStop(20, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("1000", r.read("c.count"));
        } finally {
            r.close();
        }
    }

    @Test
    @SuppressWarnings("try") // the pool cache is attached for the try block's duration
    void generateGivesTheCodeWithoutSwappingItIn() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 100) -> c :: Counter -> d :: Discard");
        try {
            Specializer specializer = new Specializer(r);
            Plan plan = specializer.plan(null);
            Specialization s = specializer.generate(plan);
            assertEquals(List.of("d", "c", "src"), s.specializedElements(), "callees first");
            assertEquals(Specializer.State.GENERIC, specializer.state());
            specializer.revert(); // nothing to do
            try (AutoCloseable cache = PacketPool.attachCurrentThread()) {
                while (s.taskBody("src").runTask() > 0) {
                    // drive the specialized source by hand
                }
            }
            assertEquals("100", r.read("c.count"));
        } finally {
            r.close();
        }
    }
}
