package io.jmill.profiler;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.PortRef;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counting element that the {@link Profiler} splices into one edge of the graph, and takes out
 * again when it stops. Never part of the router's element list and never wired: it only forwards
 * to the {@link #target} it was made for.
 *
 * <p>The counter is a plain {@code long}, written by one thread: an edge is driven by the worker
 * that runs the task whose batch reaches it (the source's worker for a push edge, the pulling
 * task's worker, e.g. {@code Unqueue}'s, for a pull edge). The profiler reads it with opaque
 * loads while the router runs and exactly once the worker has acknowledged a batch boundary.
 * An edge reached from tasks on two workers at once is a data race for the counter, as it is
 * for the downstream element's own counters; the profiler notes such edges.
 */
abstract class EdgeProbe extends Element {
    private static final VarHandle PACKETS;

    static {
        try {
            PACKETS = MethodHandles.lookup().findVarHandle(EdgeProbe.class, "packets", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Packets that crossed the edge through this probe; single writer (see the class comment). */
    long packets;

    /** Where the edge led when the probe was made: pushed into, or pulled from. */
    private final PortRef target;

    EdgeProbe(String name, PortRef target) {
        super(ElementConfig.of(name, "EdgeProbe", "", 1, 1));
        this.target = target;
    }

    final PortRef target() {
        return target;
    }

    /** The count as of now, read from another thread than the writer. */
    final long packets() {
        return (long) PACKETS.getOpaque(this);
    }
}
