package io.jmill.engine.runtime;

import io.jmill.engine.element.Element;

/** A task element as the runtime sees it: its pipeline slot, its worker, and what it has done. */
public final class ScheduledTask {
    private final Element element;
    private final PipelineSlot slot;
    private int worker = -1;
    private volatile boolean done;
    // Written by the task's worker only, read by others: opaque, no fence per batch.
    private static final java.lang.invoke.VarHandle PACKETS;

    static {
        try {
            PACKETS = java.lang.invoke.MethodHandles.lookup().findVarHandle(ScheduledTask.class, "packets", long.class);
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
        return worker;
    }

    /** Places the task on worker {@code index}; the router does it once, at start. */
    public void assignWorker(int index) {
        if (worker >= 0) {
            throw new IllegalStateException(element.name() + " already runs on worker " + worker);
        }
        worker = index;
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
