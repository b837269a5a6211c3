package io.jmill.engine.runtime;

import io.jmill.engine.time.SimulatedTime;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The loop of one worker thread: run each of its tasks for one batch, back off with the idle
 * strategy when none had work, until the router stops. Before each task run it reads the clock
 * once, for {@link WorkerClock}; under {@link SimulatedTime}, an idle pass moves the simulated
 * clock to the next wake-up an element asked for. The slot of each task is read once per
 * batch and acknowledged after it, so a swapped-in implementation takes over at a batch boundary.
 * An exception escaping a batch is counted and reported, and the loop goes on. The worker is given
 * every task of the router and runs those placed on it, so a task can move between workers
 * ({@link ScheduledTask#requestMove}).
 */
public final class Worker implements Runnable {
    private final int index;
    private final ScheduledTask[] tasks;
    private final IdleStrategy idle;
    private final BooleanSupplier stopping;
    private final TaskErrorListener errors;
    // Single writer (this worker); others read. Opaque access: always eventually visible, and a
    // plain store on x86 — no fence per pass.
    private static final java.lang.invoke.VarHandle WORK;
    private static final java.lang.invoke.VarHandle LOOPS;

    static {
        try {
            var lookup = java.lang.invoke.MethodHandles.lookup();
            WORK = lookup.findVarHandle(Worker.class, "work", long.class);
            LOOPS = lookup.findVarHandle(Worker.class, "loops", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long work;
    private long loops;

    public Worker(int index, List<ScheduledTask> tasks, IdleStrategy idle, BooleanSupplier stopping,
                  TaskErrorListener errors) {
        this.index = index;
        this.tasks = tasks.toArray(new ScheduledTask[0]);
        this.idle = idle;
        this.stopping = stopping;
        this.errors = errors;
    }

    public int index() {
        return index;
    }

    /** Packets moved by this worker's tasks so far. */
    public long work() {
        return (long) WORK.getOpaque(this);
    }

    /** Passes over the task list so far. */
    public long loops() {
        return (long) LOOPS.getOpaque(this);
    }

    @Override
    public void run() {
        ScheduledTask[] ts = tasks;
        // Off a WorkerThread (a test running a worker by hand) elements read the system clock.
        WorkerThread clock = Thread.currentThread() instanceof WorkerThread w ? w : null;
        while (!stopping.getAsBoolean()) {
            int moved = 0;
            for (ScheduledTask t : ts) {
                if (!t.runsOn(index) || t.done()) {
                    continue;
                }
                if (clock != null) {
                    WorkerClock.tick(clock);
                }
                moved += runOne(t);
            }
            if (moved > 0) {
                WORK.setOpaque(this, work + moved);
            }
            LOOPS.setOpaque(this, loops + 1);
            idle.idle(SimulatedTime.endPass(moved));
        }
    }

    private int runOne(ScheduledTask t) {
        PipelineSlot slot = t.slot();
        long epoch = slot.epoch();
        Task body = slot.current();
        int n;
        try {
            n = body.runTask();
        } catch (Throwable e) {
            t.addError();
            errors.taskFailed(t, e);
            n = 0;
        }
        slot.acknowledge(epoch);
        if (n == Task.DONE) {
            t.markDone();
            return 0;
        }
        if (n > 0) {
            t.addPackets(n);
        }
        return n;
    }
}
