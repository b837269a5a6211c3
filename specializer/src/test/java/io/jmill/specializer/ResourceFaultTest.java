package io.jmill.specializer;

import io.jmill.engine.router.Router;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running routers (worker threads) under resource faults: the packet pool exhausted, a full
 * queue, an element that throws on one packet. Nothing deadlocks, every fault is counted, and the
 * router recovers with every packet accounted for and none leaked.
 */
class ResourceFaultTest {

    @Test
    void anExhaustedPoolIsCountedAndTheRouterRecoversWhenPacketsAreFreed() throws Exception {
        int before = PacketPool.inUse();
        Router r = Routers.build("src :: InfiniteSource(LIMIT 5000) -> q :: Queue(1000) -> u :: Unqueue"
                + " -> c :: Counter -> Discard");
        List<Packet> held = exhaustPool();
        try {
            r.start(2);
            awaitTrue(() -> Long.parseLong(read(r, "src.drops")) > 10, "the source counts what it could not send");
            assertEquals("0", read(r, "c.count"), "nothing was sent");
            assertFalse(r.stopping(), "the router waits for buffers, it does not give up");
        } finally {
            held.forEach(Packet::kill);
        }
        try {
            awaitTrue(() -> Long.parseLong(read(r, "c.count")) + Long.parseLong(read(r, "q.drops")) == 5000,
                    "once buffers are back, all 5000 packets are sent, and each counted or dropped by the queue");
            assertEquals("5000", read(r, "src.count"));
            assertEquals("0", read(r, "q.length"));
            assertEquals(0, r.taskErrors());
        } finally {
            r.close();
        }
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
    }

    @Test
    void aFullQueueDropsAndCountsTheRestAndDeliversWhatItHolds() throws Exception {
        int before = PacketPool.inUse();
        // SimpleQueue: a Queue would tell the source that it is full (its full notifier), and the source would wait
        Router r = Routers.build("src :: InfiniteSource(LIMIT 3000) -> q :: SimpleQueue(100)"
                + " -> u :: Unqueue(ACTIVE false) -> c :: Counter -> Discard");
        try {
            r.start(2);
            awaitTrue(() -> "3000".equals(read(r, "src.count")), "the source sent everything");
            assertEquals("2900", read(r, "q.drops"), "beyond its capacity the queue drops, and counts");
            assertEquals("100", read(r, "q.length"));
            r.write("u.active", "true");
            awaitTrue(() -> "100".equals(read(r, "c.count")), "the queue delivers what it holds");
            assertEquals("0", read(r, "q.length"));
            assertEquals(0, r.taskErrors());
        } finally {
            r.close();
        }
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
    }

    @Test
    void anElementThatThrowsOnOnePacketIsContainedCountedAndNamed() throws Exception {
        // STOP: the router stops by itself once the source has sent its LIMIT and all is quiet
        Router r = Routers.build("src :: InfiniteSource(LIMIT 1000, BURST 1, STOP true) -> t :: ThrowOnce(AT 500)"
                + " -> c :: Counter -> Discard");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        r.errorLog(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            r.start(1);
            assertTrue(r.awaitStop(30, SECONDS), "the router goes on to the end of its input");
            assertEquals(1, r.taskErrors(), "one error counted");
            assertEquals("999", read(r, "c.count"), "every other packet went through");
            String text = log.toString(StandardCharsets.UTF_8);
            assertEquals(1, text.lines().filter(l -> l.contains("not welcome")).count(), "reported once: " + text);
            assertTrue(text.contains("element t (ThrowOnce)"), "the report names the element: " + text);
        } finally {
            r.close();
        }
    }

    /** Takes every free buffer of the pool. */
    private static List<Packet> exhaustPool() {
        List<Packet> held = new ArrayList<>();
        for (Packet p = PacketPool.alloc(); p != null; p = PacketPool.alloc()) {
            held.add(p);
        }
        return held;
    }

    private static String read(Router r, String handler) {
        try {
            return r.read(handler);
        } catch (Exception e) {
            throw new AssertionError(handler, e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "within 30 s: " + what);
            Thread.sleep(2);
        }
    }
}
