package io.jmill.engine.runtime;

/**
 * The swappable code of one scheduled task. The worker reads {@link #current()} once per batch;
 * {@link #swap} installs another implementation (for instance generated code specialized for
 * the graph), effective from the next batch; {@link #awaitAcknowledged} tells when the worker
 * has moved past the old one, after which the old code is no longer running.
 */
public final class PipelineSlot {
    private final Task generic;
    private volatile Task current;
    private volatile long epoch;
    private volatile long acknowledged;

    public PipelineSlot(Task generic) {
        this.generic = generic;
        this.current = generic;
    }

    /** The element's own implementation. */
    public Task generic() {
        return generic;
    }

    /** What runs from the next batch on. */
    public Task current() {
        return current;
    }

    /** Current epoch: incremented by every swap. */
    public long epoch() {
        return epoch;
    }

    /** Installs {@code body}; returns the epoch that the worker will acknowledge once it runs it. */
    public synchronized long swap(Task body) {
        current = body;
        return ++epoch;
    }

    /**
     * Installs {@code body} only if {@code expected} is still installed (a wrapper restoring
     * what it replaced, unless someone swapped meanwhile); returns the new epoch, or -1 if not.
     */
    public synchronized long compareAndSwap(Task expected, Task body) {
        if (current != expected) {
            return -1;
        }
        current = body;
        return ++epoch;
    }

    /** Goes back to the generic implementation. */
    public long revert() {
        return swap(generic);
    }

    /** Called by the worker after a batch, with the epoch it read before the batch. */
    void acknowledge(long e) {
        acknowledged = e;
    }

    public long acknowledged() {
        return acknowledged;
    }

    /**
     * Waits until the worker has started a batch at epoch {@code e} or later, or the task is no
     * longer running. Returns false on time-out.
     */
    public boolean awaitAcknowledged(long e, long timeoutNanos, java.util.function.BooleanSupplier stillRunning) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (acknowledged < e) {
            if (!stillRunning.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }
}
