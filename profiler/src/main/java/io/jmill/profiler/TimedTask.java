package io.jmill.profiler;

import io.jmill.engine.runtime.Task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The body the profiler swaps into a task's pipeline slot: runs the previous body and times
 * every {@value #SAMPLE_EVERY}th batch with {@link System#nanoTime()} (two clock reads per 16
 * batches; the other batches cost a counter increment). Batches that moved no packet are not
 * counted, so idle polling does not dilute the time per batch. Before a batch it runs the
 * {@link BoundaryAction} the profiler left for it, if any (one volatile read per batch).
 *
 * <p>Counters are plain fields written only by the task's worker; the profiler reads them with
 * opaque loads.
 */
final class TimedTask implements io.jmill.engine.runtime.ObservingTask {
    static final int SAMPLE_EVERY = 16;
    private static final VarHandle BATCHES;
    private static final VarHandle SAMPLED;
    private static final VarHandle NANOS;
    private static final VarHandle PENDING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BATCHES = l.findVarHandle(TimedTask.class, "batches", long.class);
            SAMPLED = l.findVarHandle(TimedTask.class, "sampledBatches", long.class);
            NANOS = l.findVarHandle(TimedTask.class, "sampledNanos", long.class);
            PENDING = l.findVarHandle(TimedTask.class, "pending", BoundaryAction.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Task body;
    private volatile BoundaryAction pending;
    private long calls;
    private long batches;
    private long sampledBatches;
    private long sampledNanos;

    TimedTask(Task body) {
        this.body = body;
    }

    @Override
    public Task delegate() {
        return body;
    }

    /** The body this wrapper runs: what was in the slot before the profiler. */
    Task body() {
        return body;
    }

    /** Has the worker run {@code action} before its next batch. */
    void runBeforeNextBatch(BoundaryAction action) {
        pending = action;
    }

    @Override
    public int runTask() {
        BoundaryAction action = pending;
        if (action != null) {
            PENDING.compareAndSet(this, action, null); // not a newer one left meanwhile
            action.run();
        }
        if ((++calls & (SAMPLE_EVERY - 1)) != 0) {
            int n = body.runTask();
            if (n > 0) {
                batches++;
            }
            return n;
        }
        long t0 = System.nanoTime();
        int n = body.runTask();
        long t1 = System.nanoTime();
        if (n > 0) {
            batches++;
            sampledBatches++;
            sampledNanos += t1 - t0;
        }
        return n;
    }

    long batches() {
        return (long) BATCHES.getOpaque(this);
    }

    long sampledBatches() {
        return (long) SAMPLED.getOpaque(this);
    }

    long sampledNanos() {
        return (long) NANOS.getOpaque(this);
    }
}
