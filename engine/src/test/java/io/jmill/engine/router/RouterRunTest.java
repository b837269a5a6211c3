package io.jmill.engine.router;

import io.jmill.engine.runtime.PipelineSlot;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterRunTest {
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    @Test
    void packetsFlowAndTheSourceStopsTheRouter() throws Exception {
        Router r = RouterBuildTest.build("TSource(LIMIT 100000, STOP true) -> c :: TPass -> s :: TSink;");
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals("limit reached", r.stopReason());
        assertEquals("100000", r.read("c.count"));
        assertEquals("100000", r.read("s.count"));
        assertEquals(100000, r.sourcePackets());
        assertEquals(6000000, r.sourceBytes());
    }

    @Test
    void endOfInputStopsARouterWhoseSourcesAreDone() throws Exception {
        Router r = RouterBuildTest.build("TSource(LIMIT 5000) -> TQueue -> c :: TPass -> s :: TSink;");
        r.start(2);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals("end of input", r.stopReason());
        assertEquals("5000", r.read("s.count"), "the queue was drained before the router stopped");
    }

    @Test
    void stopHandlerStopsAnEndlessRouterAndCleanupFreesQueuedPackets() throws Exception {
        Router r = RouterBuildTest.build("TSource(BURST 8) -> q :: TQueue -> TPull -> TSink;");
        r.start(1);
        Thread.sleep(50);
        assertFalse(r.stopping());
        r.write("stop", "");
        assertTrue(r.awaitStop(5, TimeUnit.SECONDS));
        r.close();
        assertEquals("stop handler", r.stopReason());
    }

    @Test
    void exceptionsInElementsAreContainedCountedAndReported() throws Exception {
        Router r = RouterBuildTest.build("TSource(LIMIT 1000, BURST 10) -> c :: TPass(FAIL_EVERY 100) -> s :: TSink;");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        r.errorLog(new PrintStream(log, true));
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals("end of input", r.stopReason());
        assertEquals(10, r.taskErrors());
        // Each failure loses the failing packet (killed) and the rest of its 10-packet batch? No:
        // the source pushes one packet at a time, so only the failing one is lost.
        assertEquals("990", r.read("s.count"));
        // the task that ran the batch, and the element that threw
        assertTrue(log.toString().contains("jmill: task TSource@1: element c (TPass) threw"
                + " java.lang.IllegalStateException: planned failure at packet 100"), log.toString());
    }

    @Test
    void aSwappedInBodyThatThrowsIsRevertedToGenericAndReported() throws Exception {
        Router r = RouterBuildTest.build("TSource(BURST 10) -> c :: TPass -> s :: TSink;");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        r.errorLog(new PrintStream(log, true));
        java.util.List<Throwable> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        r.addTaskErrorListener((task, error) -> seen.add(error));
        r.start(1);
        PipelineSlot slot = r.tasks().getFirst().slot();
        slot.swap(() -> {
            throw new IllegalStateException("broken specialization");
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        long countAfterRevert = Long.parseLong(r.read("s.count"));
        while (Long.parseLong(r.read("s.count")) <= countAfterRevert + 1000 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        r.stopNow("test over");
        r.close();
        assertEquals(slot.generic(), slot.current(), "reverted to the generic body");
        assertEquals(1, seen.size());
        assertTrue(Long.parseLong(r.read("s.count")) > countAfterRevert + 1000, "the generic path went on working");
        assertEquals(r.read("c.count"), r.read("s.count"), "nothing lost");
        assertTrue(log.toString().contains("swapped-in code threw java.lang.IllegalStateException: broken specialization; reverted"),
                log.toString());
    }

    @Test
    void pipelineSlotsSwapAtBatchBoundariesWhileRunning() throws Exception {
        Router r = RouterBuildTest.build("TSource -> c :: TPass -> s :: TSink;");
        r.start(1);
        ScheduledTask task = r.tasks().getFirst();
        PipelineSlot slot = task.slot();
        AtomicLong wrappedBatches = new AtomicLong();
        Task generic = slot.generic();
        for (int i = 0; i < 200; i++) {
            long e = slot.swap(() -> {
                wrappedBatches.incrementAndGet();
                return generic.runTask();
            });
            assertTrue(slot.awaitAcknowledged(e, TimeUnit.SECONDS.toNanos(5), () -> !r.stopping()));
            long seen = wrappedBatches.get();
            long e2 = slot.revert();
            assertTrue(slot.awaitAcknowledged(e2, TimeUnit.SECONDS.toNanos(5), () -> !r.stopping()));
            assertTrue(seen > 0, "the swapped-in body ran");
        }
        long afterRevert = wrappedBatches.get();
        Thread.sleep(20);
        assertEquals(afterRevert, wrappedBatches.get(), "after revert the wrapper never runs again");
        r.stop("test over");
        r.close();
        assertEquals(r.read("c.count"), r.read("s.count"));
    }
}
