package io.jmill.elements.standard;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The elements in a real router, on worker threads. */
class RouterRunTest {

    @Test
    void sourceStopsTheRouterAtItsLimit() throws Exception {
        int before = PacketPool.inUse();
        Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("t",
                "InfiniteSource(LIMIT 10000, STOP true) -> c :: Counter -> Discard", Map.of()));
        try {
            r.start(1);
            assertTrue(r.awaitStop(10, SECONDS), "stopped by the source");
            assertTrue(r.stopReason().contains("LIMIT reached"), r.stopReason());
        } finally {
            r.close();
        }
        assertEquals("10000", r.read("c.count"));
        assertEquals("600000", r.read("c.byte_count"));
        assertEquals(10000, r.sourcePackets());
        assertEquals(0, r.taskErrors());
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
    }

    /** Source and Unqueue on different workers: the queue hands every packet across, in order. */
    @Test
    void queueHandsPacketsBetweenWorkerThreads() throws Exception {
        int before = PacketPool.inUse();
        Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("t",
                "InfiniteSource(LIMIT 200000) -> q :: Queue(256) -> u :: Unqueue -> c :: Counter -> d :: Discard",
                Map.of()));
        try {
            r.start(2);
            assertTrue(r.awaitStop(20, SECONDS), "stopped at the end of input");
            assertEquals("end of input", r.stopReason());
        } finally {
            r.close();
        }
        long counted = Long.parseLong(r.read("c.count"));
        long dropped = Long.parseLong(r.read("q.drops"));
        assertEquals(200000, counted + dropped, "every packet counted or dropped");
        assertEquals(counted, Long.parseLong(r.read("d.count")));
        assertEquals(counted, Long.parseLong(r.read("u.count")));
        assertEquals(dropped, r.drops());
        assertTrue(Long.parseLong(r.read("q.highwater_length")) <= 256);
        assertEquals(0, r.taskErrors());
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
    }
}
