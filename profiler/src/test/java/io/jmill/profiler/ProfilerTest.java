package io.jmill.profiler;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.PortRef;
import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.LongSupplier;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edge, element, batch and branch counts of the profiler on small routers. */
class ProfilerTest {
    private int poolBefore;

    @BeforeEach
    void notePool() {
        poolBefore = PacketPool.inUse();
    }

    @AfterEach
    void checkPool() {
        assertEquals(poolBefore, PacketPool.inUse(), "no packet leaked");
    }

    /**
     * Tee fan-out, a compound, and a pull path through an agnostic element, driven by hand on
     * this thread: every count is exact.
     */
    @Test
    void countsEveryEdgeExactlyOnTheCallingThread() throws Exception {
        Router r = Routers.build("""
                elementclass Pass { input -> n :: Null -> output }
                src :: InfiniteSource(LIMIT 1000, STOP true) -> t :: Tee(2);
                t [0] -> p :: Pass -> c0 :: Counter -> d0 :: Discard;
                t [1] -> q :: Queue(2000) -> pt :: Paint(3) -> u :: Unqueue -> c1 :: Counter -> d1 :: Discard;
                """);
        try (AutoCloseable cache = PacketPool.attachCurrentThread()) {
            ScheduledTask src = r.tasks().stream().filter(t -> t.element().name().equals("src")).findFirst().orElseThrow();
            ScheduledTask u = r.tasks().stream().filter(t -> t.element().name().equals("u")).findFirst().orElseThrow();
            Profiler profiler = new Profiler(r);
            profiler.timeTask(src);
            profiler.timeTask(u);
            profiler.start();
            int batches = 0;
            while (src.slot().current().runTask() != Task.DONE) {
                batches++;
            }
            while (u.slot().current().runTask() > 0) {
                // drain the queue
            }
            profiler.stop();
            Profile p = profiler.snapshot();

            assertEquals(1000, p.edgePackets("src", 0));
            assertEquals(1000, p.edgePackets("t", 0));
            assertEquals(1000, p.edgePackets("t", 1));
            assertEquals(1000, p.edgePackets("p/n", 0), "inside the compound");
            assertEquals(1000, p.edgePackets("q", 0), "pulled by Paint");
            assertEquals(1000, p.edgePackets("pt", 0), "pulled by Unqueue");
            assertEquals(1000, p.edgePackets("u", 0));
            assertEquals(Profile.Kind.PULL, p.edge("q", 0).orElseThrow().kind());
            assertEquals(Profile.Kind.PUSH, p.edge("t", 1).orElseThrow().kind());
            assertEquals("t [1] -> [0] q", p.edge("t", 1).orElseThrow().toString());
            assertEquals(1000, p.elementPackets("src"), "a source: packets out");
            assertEquals(1000, p.elementPackets("t"));
            assertEquals(1000, p.elementPackets("d1"));
            assertEquals(0, p.elementPackets("no such element"));
            assertEquals("1000", r.read("c0.count"));
            assertEquals("1000", r.read("c1.count"));

            Profile.ElementStats s = p.element("src").orElseThrow();
            assertTrue(s.task());
            assertEquals(batches, s.batches(), "one per batch that moved packets");
            assertEquals(batches / TimedTask.SAMPLE_EVERY, s.sampledBatches());
            assertTrue(s.batchNanosSampled() > 0 || s.sampledBatches() == 0);
            assertFalse(p.element("c0").orElseThrow().task());
            assertEquals("test.click", p.config());
            assertEquals(List.of(), p.notes(), "both tasks that move packets were timed");
        } finally {
            r.close();
        }
    }

    /** A source with LIMIT and STOP on a running router: the profile has the exact totals. */
    @Test
    void countsExactlyOnARunningRouterWithTeeAndCompound() throws Exception {
        Router r = Routers.build("""
                elementclass Pass { input -> n :: Null -> output }
                src :: InfiniteSource(LIMIT 5000, STOP true, ACTIVE false) -> t :: Tee(3);
                t [0] -> c0 :: Counter -> Discard;
                t [1] -> p :: Pass -> c1 :: Counter -> Discard;
                t [2] -> Discard;
                """);
        try {
            r.start(1);
            Profiler profiler = new Profiler(r);
            profiler.start();
            r.write("src.active", "true");
            assertTrue(r.awaitStop(20, SECONDS));
            profiler.stop();
            Profile p = profiler.snapshot();
            for (Profile.Edge e : p.edges()) {
                assertEquals(5000, e.packets(), e.toString());
            }
            assertEquals(3 * 5000, p.elements().stream().filter(e -> e.className().equals("Discard"))
                    .mapToLong(Profile.ElementStats::packetsIn).sum());
            Profile.ElementStats src = p.element("src").orElseThrow();
            assertTrue(src.batches() >= 5000 / 32, "batches " + src.batches());
            assertTrue(p.durationNanos() > 0);
        } finally {
            r.close();
        }
    }

    /** Queue and Unqueue on two workers: push edges on one, pull and push edges on the other. */
    @Test
    void countsExactlyAcrossAQueueBetweenTwoWorkers() throws Exception {
        Router r = Routers.build("""
                src :: InfiniteSource(LIMIT 20000, ACTIVE false) -> q :: Queue(30000) -> n :: Null -> u :: Unqueue
                    -> c :: Counter -> Discard;
                """);
        try {
            r.start(2);
            Profiler profiler = new Profiler(r);
            profiler.start();
            r.write("src.active", "true");
            assertTrue(r.awaitStop(20, SECONDS));
            profiler.stop();
            Profile p = profiler.snapshot();
            for (Profile.Edge e : p.edges()) {
                assertEquals(20000, e.packets(), e.toString());
            }
            assertEquals(Profile.Kind.PULL, p.edge("n", 0).orElseThrow().kind());
            assertTrue(p.element("u").orElseThrow().batches() > 0);
            assertTrue(p.notes().isEmpty(), p.notes().toString());
        } finally {
            r.close();
        }
    }

    /** On, off, on while the router runs: counts grow only while on; off, the original wiring is back. */
    @Test
    void switchesOnAndOffWhileRunning() throws Exception {
        Router r = Routers.build("src :: InfiniteSource -> c :: Counter -> d :: Discard;");
        Element src = r.element("src");
        Element c = r.element("c");
        Element d = r.element("d");
        try {
            r.start(1);
            ScheduledTask task = r.tasks().stream().filter(t -> t.element() == src).findFirst().orElseThrow();
            Task generic = task.slot().current();
            Profiler profiler = new Profiler(r);

            profiler.start();
            assertTrue(profiler.running());
            assertInstanceOf(EdgeProbe.class, src.outputTarget(0).element());
            assertInstanceOf(TimedTask.class, task.slot().current());
            waitUntil(() -> profiler.snapshot().edgePackets("c", 0), 10_000);
            profiler.stop();
            assertFalse(profiler.running());
            assertSame(c, src.outputTarget(0).element(), "probe taken out");
            assertSame(d, c.outputTarget(0).element(), "probe taken out");
            assertSame(generic, task.slot().current(), "slot restored");

            Profile off1 = profiler.snapshot();
            long counted = count(r);
            waitUntil(() -> count(r) - counted, 10_000);
            Profile off2 = profiler.snapshot();
            assertEquals(off1.edges(), off2.edges(), "nothing counted while off");
            assertEquals(off1.durationNanos(), off2.durationNanos());
            assertEquals(off1.edgePackets("src", 0), off1.edgePackets("c", 0),
                    "both edges switched by the worker at the same batch boundary");

            profiler.start();
            assertNotSame(c, src.outputTarget(0).element());
            long before = off2.edgePackets("src", 0);
            waitUntil(() -> profiler.snapshot().edgePackets("src", 0) - before, 10_000);
            profiler.stop();
            Profile on2 = profiler.snapshot();
            assertTrue(on2.edgePackets("src", 0) >= before + 10_000);
            assertEquals(on2.edgePackets("src", 0), on2.edgePackets("c", 0));
            assertTrue(on2.durationNanos() > off2.durationNanos());
            assertTrue(on2.element("src").orElseThrow().batches() > off2.element("src").orElseThrow().batches());
            assertSame(c, src.outputTarget(0).element());
            assertSame(generic, task.slot().current());

            profiler.reset();
            Profile zero = profiler.snapshot();
            assertTrue(zero.edges().stream().allMatch(e -> e.packets() == 0));
            assertEquals(0, zero.durationNanos());
        } finally {
            r.close();
        }
    }

    /** A slot swapped by someone else while profiling is left as that party set it, and noted. */
    @Test
    void leavesASlotSwappedMeanwhileAlone() throws Exception {
        Router r = Routers.build("src :: InfiniteSource -> Discard;");
        try {
            r.start(1);
            ScheduledTask task = r.tasks().getFirst();
            Profiler profiler = new Profiler(r);
            profiler.start();
            Task other = task.slot().generic()::runTask;
            task.slot().swap(other);
            profiler.stop();
            assertSame(other, task.slot().current());
            assertTrue(profiler.snapshot().notes().stream().anyMatch(n -> n.contains("swapped by someone else")));
        } finally {
            r.close();
        }
    }

    /** An edge reached from tasks on two workers breaks the single-writer rule: the profile says so. */
    @Test
    void notesEdgesDrivenFromTwoWorkers() throws Exception {
        Router r = Routers.build("""
                a :: InfiniteSource(ACTIVE false); b :: InfiniteSource(ACTIVE false); c :: Counter; d :: Discard;
                a -> c; b -> c; c -> d;
                """);
        try {
            r.start(2);
            Profiler profiler = new Profiler(r);
            profiler.start();
            profiler.stop();
            assertEquals(List.of("edge c [0] -> [0] d is driven by tasks on workers [0, 1]: its counts may lose"
                    + " increments (single-writer counters)"), profiler.snapshot().notes());
        } finally {
            r.close();
        }
    }

    /** An edge redirected by someone else while profiling is left alone, and noted. */
    @Test
    void leavesAnEdgeRedirectedMeanwhileAlone() throws Exception {
        Router r = Routers.build("src :: InfiniteSource -> c :: Counter -> d :: Discard;");
        try {
            Element src = r.element("src");
            Profiler profiler = new Profiler(r);
            profiler.start();
            PortRef other = new PortRef(r.element("d"), 0);
            src.setOutputTarget(0, other);
            profiler.stop();
            assertSame(other, src.outputTarget(0));
            assertSame(r.element("d"), r.element("c").outputTarget(0).element(), "the other edge is restored");
            List<String> notes = profiler.snapshot().notes();
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("edge src [0] -> [0] c was redirected")),
                    notes.toString());
        } finally {
            r.close();
        }
    }

    /** Rule hits of a BranchProfile element, counted only while on. */
    @Test
    void countsBranchHits() throws Exception {
        Router r = Routers.build("""
                a :: InfiniteSource(BURST 1) -> Paint(1) -> sw :: PaintSwitch;
                b :: InfiniteSource(BURST 1) -> sw;
                sw [0] -> Discard; sw [1] -> Discard;
                """);
        try (AutoCloseable cache = PacketPool.attachCurrentThread()) {
            Task a = (Task) r.element("a");
            Task b = (Task) r.element("b");
            for (int i = 0; i < 50; i++) {
                a.runTask(); // before profiling: not counted
            }
            Profiler profiler = new Profiler(r);
            profiler.start();
            for (int i = 0; i < 100; i++) {
                a.runTask();
                b.runTask();
                b.runTask();
            }
            profiler.stop();
            a.runTask(); // after: not counted
            Profile p = profiler.snapshot();
            assertEquals(List.of(new Profile.Branches("sw", List.of("paint 1", "-"), List.of(100L, 200L))),
                    p.branches());
            assertEquals(100, p.edgePackets("sw", 0));
            assertEquals(200, p.edgePackets("sw", 1));
            assertEquals(300, p.elementPackets("sw"), "the sum over both input edges");
        } finally {
            r.close();
        }
    }

    private static long count(Router r) {
        try {
            return Long.parseLong(r.read("c.count"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(LongSupplier value, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(20);
        while (value.getAsLong() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + atLeast);
            Thread.sleep(1);
        }
    }
}
