package io.jmill.driver.afxdp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A ring user space fills and the kernel drains: the UMEM fill ring (buffer addresses) and the TX
 * ring (descriptors). Single producer (one thread per queue). The producer index is published with
 * a release store, after the entries it covers; the kernel's consumer index is read with an
 * acquire load, before the slots it frees are reused.
 */
final class ProducerRing {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment map;
    private final long producer;
    private final long consumer;
    private final long flags;
    private final long entries;
    private final int entrySize;
    private final int size;
    private final int mask;
    private int cachedProducer;
    private int cachedConsumer;

    /** Over the mapped ring {@code map} with the offsets {@code getsockopt(XDP_MMAP_OFFSETS)} gave. */
    ProducerRing(MemorySegment map, long producer, long consumer, long flags, long entries, int entrySize, int size) {
        this.map = map;
        this.producer = producer;
        this.consumer = consumer;
        this.flags = flags;
        this.entries = entries;
        this.entrySize = entrySize;
        this.size = size;
        this.mask = size - 1;
        this.cachedProducer = (int) INT.getAcquire(map, producer);
        this.cachedConsumer = (int) INT.getAcquire(map, consumer);
    }

    /** Entries that can be written now (at most {@code wanted}; looks at the kernel's index only when short). */
    int free(int wanted) {
        int free = size - (cachedProducer - cachedConsumer);
        if (free < wanted) {
            cachedConsumer = (int) INT.getAcquire(map, consumer);
            free = size - (cachedProducer - cachedConsumer);
        }
        return Math.min(free, wanted);
    }

    /** Offset in the mapping of the {@code i}-th entry after those submitted. */
    long entry(int i) {
        return entries + (long) ((cachedProducer + i) & mask) * entrySize;
    }

    MemorySegment memory() {
        return map;
    }

    /** Hands the next {@code n} written entries to the kernel. */
    void submit(int n) {
        cachedProducer += n;
        INT.setRelease(map, producer, cachedProducer);
    }

    /** Entries submitted that the kernel has not consumed yet. */
    int pending() {
        return cachedProducer - (int) INT.getAcquire(map, consumer);
    }

    /** Whether the kernel asked to be woken up (XDP_RING_NEED_WAKEUP), read after a full fence. */
    boolean needsWakeup() {
        VarHandle.fullFence();
        return ((int) INT.get(map, flags) & 1) != 0;
    }
}
