package io.jmill.engine.runtime;

import io.jmill.engine.element.Element;

/**
 * A task element as the runtime sees it: its pipeline slot, its worker, and what it has done.
 *
 * <p>A task runs on one worker at a time. It can be moved to another while the router runs
 * ({@link #requestMove}): the worker that runs it hands it over between two of its runs, so the
 * new worker's first run sees everything the old one did.
 */
public final class ScheduledTask {
    private final Element element;
    private final PipelineSlot slot;
    /**
     * The worker that runs the task in the low 16 bits (-1 before the router starts), and the
     * worker it is to move to, plus one, in the high 16 bits (0: no move pending). One volatile
     * read per run tells a worker both whether the task is its own and whether to hand it over.
     */
    private volatile int placement = -1;
    private volatile boolean done;
    // Written by the task's worker only, read by others: opaque, no fence per batch.
    private static final java.lang.invoke.VarHandle PACKETS;
    private static final java.lang.invoke.VarHandle PLACEMENT;

    static {
        try {
            var lookup = java.lang.invoke.MethodHandles.lookup();
            PACKETS = lookup.findVarHandle(ScheduledTask.class, "packets", long.class);
            PLACEMENT = lookup.findVarHandle(ScheduledTask.class, "placement", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long packets;
    private volatile long errors;

    public ScheduledTask(Element element) {
        if (!(element instanceof Task task)) {
            throw new IllegalArgumentException(element.name() + " is not a task");
        }
        this.element = element;
        this.slot = new PipelineSlot(task);
    }

    public Element element() {
        return element;
    }

    public PipelineSlot slot() {
        return slot;
    }

    /** Index of the worker thread that runs this task; -1 before the router starts. */
    public int worker() {
        int p = placement;
        return p < 0 ? -1 : p & 0xFFFF;
    }

    /** Places the task on worker {@code index}; the router does it once, at start. */
    public void assignWorker(int index) {
        if (placement >= 0) {
            throw new IllegalStateException(element.name() + " already runs on worker " + worker());
        }
        if (index < 0 || index >= 0xFFFF) {
            throw new IllegalArgumentException("worker " + index);
        }
        placement = index;
    }

    /**
     * Asks the task's worker to hand it over to worker {@code index} (a thread scheduler balancing
     * load); the move happens at that worker's next pass over its tasks.
     *
     * @return false if the task is not placed yet, is on that worker already, or a move is pending
     */
    public boolean requestMove(int index) {
        if (index < 0 || index >= 0xFFFF) {
            throw new IllegalArgumentException("worker " + index);
        }
        int p = placement;
        if (p < 0 || (p & 0xFFFF) == index || (p >>> 16) != 0) {
            return false;
        }
        return PLACEMENT.compareAndSet(this, p, p | (index + 1) << 16);
    }

    /** True once a move asked with {@link #requestMove} has been made or if none is pending. */
    public boolean moveDone() {
        return placement >>> 16 == 0;
    }

    /**
     * Worker {@code index}'s check before running the task: true if the task is its own. If a move
     * is pending, the worker hands the task over instead (the volatile write publishes its runs
     * to the new worker) and gets false.
     */
    boolean runsOn(int index) {
        int p = placement;
        if ((p & 0xFFFF) != index) {
            return false;
        }
        if (p >>> 16 != 0) {
            placement = (p >>> 16) - 1; // no one else writes while a move is pending
            return false;
        }
        return true;
    }

    /** True once the task returned {@link Task#DONE}. */
    public boolean done() {
        return done;
    }

    void markDone() {
        done = true;
    }

    /** Makes a finished task run again (its worker picks it up on its next pass). */
    public void reschedule() {
        done = false;
    }

    /** Packets moved so far (sum of what {@link Task#runTask()} returned). */
    public long packets() {
        return (long) PACKETS.getOpaque(this);
    }

    void addPackets(int n) {
        PACKETS.setOpaque(this, packets + n);
    }

    /** Batches that ended with an exception. */
    public long errors() {
        return errors;
    }

    void addError() {
        errors = errors + 1; // single writer: the task's worker
    }

    /** A source is a task with no inputs: what it moves enters the router. */
    public boolean isSource() {
        return element.ninputs() == 0;
    }

    @Override
    public String toString() {
        return element.name();
    }
}
