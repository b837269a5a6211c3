package io.jmill.driver.afxdp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A ring the kernel fills and user space drains: the RX ring (descriptors) and the UMEM completion
 * ring (addresses of sent buffers). Single consumer. The kernel's producer index is read with an
 * acquire load, before the entries it covers; the consumer index is published with a release
 * store, after those entries have been read.
 */
final class ConsumerRing {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment map;
    private final long producer;
    private final long consumer;
    private final long entries;
    private final int entrySize;
    private final int mask;
    private int cachedProducer;
    private int cachedConsumer;

    ConsumerRing(MemorySegment map, long producer, long consumer, long entries, int entrySize, int size) {
        this.map = map;
        this.producer = producer;
        this.consumer = consumer;
        this.entries = entries;
        this.entrySize = entrySize;
        this.mask = size - 1;
        this.cachedProducer = (int) INT.getAcquire(map, producer);
        this.cachedConsumer = (int) INT.getAcquire(map, consumer);
    }

    /** Entries ready to read, at most {@code max} (looks at the kernel's index only when none is cached). */
    int available(int max) {
        int n = cachedProducer - cachedConsumer;
        if (n == 0) {
            cachedProducer = (int) INT.getAcquire(map, producer);
            n = cachedProducer - cachedConsumer;
        }
        return Math.min(n, max);
    }

    /** Offset in the mapping of the {@code i}-th unread entry. */
    long entry(int i) {
        return entries + (long) ((cachedConsumer + i) & mask) * entrySize;
    }

    MemorySegment memory() {
        return map;
    }

    /** Gives the next {@code n} read entries back to the kernel. */
    void release(int n) {
        cachedConsumer += n;
        INT.setRelease(map, consumer, cachedConsumer);
    }
}
