package io.jmill.elements.standard;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketRingTest {

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        assertEquals(1024, new PacketRing(1000).capacity());
        assertEquals(1, new PacketRing(1).capacity());
        assertEquals(64, new PacketRing(64).capacity());
        assertThrows(IllegalArgumentException.class, () -> new PacketRing(0));
    }

    @Test
    void offerRespectsTheLimitAndWrapsAround() {
        PacketRing ring = new PacketRing(4);
        Packet a = PacketPool.alloc();
        Packet b = PacketPool.alloc();
        Packet c = PacketPool.alloc();
        try {
            for (int round = 0; round < 10; round++) {
                assertTrue(ring.offer(a, 2));
                assertTrue(ring.offer(b, 2));
                assertFalse(ring.offer(c, 2));
                assertEquals(2, ring.size());
                assertSame(a, ring.poll());
                assertSame(b, ring.poll());
                assertNull(ring.poll());
            }
            assertEquals(2, ring.highWater());
        } finally {
            a.kill();
            b.kill();
            c.kill();
        }
    }

    /** One producer thread, one consumer thread: order kept, packet contents visible, nothing lost. */
    @Test
    void handsPacketsBetweenThreadsInOrder() throws Exception {
        final int n = 200_000;
        PacketRing ring = new PacketRing(64);
        int before = PacketPool.inUse();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    Packet p;
                    while ((p = PacketPool.alloc()) == null) {
                        Thread.onSpinWait();
                    }
                    p.setLength(16);
                    p.setU64(0, i);
                    p.setU64(8, ~(long) i);
                    p.setSequence(i);
                    while (!ring.offer(p, 64)) {
                        Thread.onSpinWait();
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
        Thread consumer = new Thread(() -> {
            try {
                for (int i = 0; i < n; ) {
                    Packet p = ring.poll();
                    if (p == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (p.u64(0) != i || p.u64(8) != ~(long) i || p.sequence() != i || p.length() != 16) {
                        throw new AssertionError("packet " + i + " arrived as " + p.u64(0));
                    }
                    p.kill();
                    i++;
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
        producer.start();
        consumer.start();
        producer.join(30_000);
        consumer.join(30_000);
        assertFalse(producer.isAlive() || consumer.isAlive(), "threads finished");
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertNull(ring.poll());
        assertTrue(ring.highWater() <= 64);
        assertEquals(before, PacketPool.inUse());
    }
}
