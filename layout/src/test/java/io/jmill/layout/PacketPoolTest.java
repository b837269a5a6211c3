package io.jmill.layout;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketPoolTest {
    @Test
    void slotsAreCacheLineMultiplesAndCapacityMatchesTheMemory() {
        assertEquals(0, PacketPool.SLOT_SIZE % 64);
        assertEquals((PacketMemory.SIZE - PacketPool.FIRST_SLOT - PacketPool.TAIL_GUARD) / PacketPool.SLOT_SIZE,
                PacketPool.capacity());
        Packet last = PacketPool.packet(PacketPool.capacity() - 1);
        assertTrue(last.slotBase() + PacketPool.METADATA_SIZE + Packet.DATA_WINDOW + 8 <= PacketMemory.SIZE,
                "an unchecked access of the last slot stays in the memory");
        assertEquals(PacketPool.FIRST_SLOT + (long) PacketPool.packet(3).index() * PacketPool.SLOT_SIZE,
                PacketPool.packet(3).slotBase());
    }

    @Test
    void aThreadCacheKeepsACacheLineOfPaddingOnEitherSideOfTheFieldsItsWorkerWrites() throws Exception {
        long count = cacheFieldOffset("count");
        long failures = cacheFieldOffset("failures");
        long stack = cacheFieldOffset("stack");
        long first = Math.min(count, Math.min(failures, stack));
        long last = Math.max(count + 4, Math.max(failures + 8, stack + 4));
        assertTrue(first >= 64, "fields start " + first + " bytes into the object: another object may share their line");
        long end = 0;
        for (java.lang.reflect.Field f : PacketPool.Cache.class.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                end = Math.max(end, org.agrona.UnsafeApi.objectFieldOffset(f) + 8);
            }
        }
        assertTrue(end - last >= 64, "only " + (end - last) + " bytes of padding behind the fields");
    }

    private static long cacheFieldOffset(String name) throws NoSuchFieldException {
        return org.agrona.UnsafeApi.objectFieldOffset(PacketPool.CacheFields.class.getDeclaredField(name));
    }

    @Test
    void exhaustionReturnsNullAndCountsAndEverythingComesBack() {
        int before = PacketPool.inUse();
        long failuresBefore = PacketPool.allocFailures();
        List<Packet> all = new ArrayList<>();
        for (Packet p; (p = PacketPool.alloc()) != null; ) {
            all.add(p);
        }
        assertEquals(PacketPool.capacity() - before, all.size());
        assertNull(PacketPool.alloc());
        assertEquals(failuresBefore + 2, PacketPool.allocFailures(), "the loop's last try and the extra one");
        assertEquals(PacketPool.capacity(), PacketPool.highWaterMark());
        all.forEach(Packet::kill);
        assertEquals(before, PacketPool.inUse());
    }

    @Test
    void threadCachesReturnTheirPacketsWhenTheThreadEnds() throws Exception {
        int before = PacketPool.inUse();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Packet> handedOver = new ArrayList<>();
        Thread t = new PacketThread(() -> {
            try {
                List<Packet> mine = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    mine.add(PacketPool.alloc());
                }
                for (int i = 0; i < 990; i++) {
                    mine.get(i).kill();
                }
                handedOver.addAll(mine.subList(990, 1000));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "pool-test");
        t.start();
        t.join();
        assertNull(failure.get());
        assertEquals(before + 10, PacketPool.inUse(), "packets still held by the test count, cached ones do not");
        handedOver.forEach(Packet::kill);
        assertEquals(before, PacketPool.inUse());
    }

    @Test
    void concurrentAllocAndFreeAcrossThreadsKeepsExactAccounting() throws Exception {
        int before = PacketPool.inUse();
        Thread[] threads = new Thread[2];
        // both threads' packets and their caches fit: every allocation must succeed
        assertTrue(PacketPool.capacity() - before >= 4 * 700, "pool too small for the test: " + PacketPool.describe());
        long failuresBefore = PacketPool.allocFailures();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int k = 0; k < threads.length; k++) {
            threads[k] = new PacketThread(() -> {
                try {
                    Packet[] held = new Packet[700];
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < held.length; i++) {
                            held[i] = PacketPool.alloc();
                            if (held[i] == null) {
                                throw new AssertionError("allocation " + i + " of round " + round + " failed: "
                                        + PacketPool.describe());
                            }
                        }
                        for (Packet p : held) {
                            p.kill();
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "pool-stress-" + k);
            threads[k].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(failure.get());
        assertEquals(before, PacketPool.inUse());
        assertEquals(failuresBefore, PacketPool.allocFailures(), "no allocation failed");
        assertTrue(PacketPool.describe().startsWith("pool: "));
    }

    @Test
    void anAttachedThreadCachesUntilDetached() throws Exception {
        int before = PacketPool.inUse();
        try (AutoCloseable attached = PacketPool.attachCurrentThread()) {
            Packet a = PacketPool.alloc();
            a.kill();
            assertEquals(before, PacketPool.inUse(), "a cached packet counts as free");
        }
        assertEquals(before, PacketPool.inUse());
    }

    @Test
    void batchIsReusableAndKillsWhatItHolds() {
        int before = PacketPool.inUse();
        PacketBatch b = new PacketBatch(4);
        for (int round = 0; round < 3; round++) {
            while (!b.isFull()) {
                b.add(PacketPool.alloc());
            }
            assertEquals(4, b.size());
            b.killAll();
            assertTrue(b.isEmpty());
        }
        assertEquals(before, PacketPool.inUse());
    }

    @Test
    void memorySizesParseWithUnitsAndRejectNonsense() {
        assertEquals(256L << 20, PacketMemory.parseSize("256m"));
        assertEquals(1L << 30, PacketMemory.parseSize("1G"));
        assertEquals(4L << 20, PacketMemory.parseSize("4096k"));
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PacketMemory.parseSize("lots"));
        assertEquals("bad packet memory size 'lots' (expected e.g. 256m or 1g)", bad.getMessage());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PacketMemory.parseSize("1k")).getMessage().contains("too small"));
    }
}
