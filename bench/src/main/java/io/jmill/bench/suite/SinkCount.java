package io.jmill.bench.suite;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packet count of a {@link SinkProbe}: a plain field written by the first thread that counts,
 * and an atomic counter for packets from any other thread, so counts stay exact in every
 * configuration at no cost in the usual single-thread case.
 */
final class SinkCount {
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(SinkCount.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread that counts into {@link #count}; set once. */
    private volatile Thread owner;
    private long count;
    private final AtomicLong otherCount = new AtomicLong();

    /** Counts one packet, on the calling thread. */
    void add() {
        Thread me = Thread.currentThread();
        if (owner == me || (owner == null && OWNER.compareAndSet(this, null, me))) {
            count++;
        } else {
            otherCount.incrementAndGet();
        }
    }

    /** Packets counted so far (from any thread; may lag by a few packets). */
    long get() {
        return count + otherCount.get();
    }
}
