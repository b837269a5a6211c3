package io.jmill.bench.suite;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the packets that reach the end of the graph, and records the latency of those a
 * {@link LatencyStamp} sampled. The suite puts one in front of every sink it measures at.
 *
 * <pre>LatencyProbe</pre>
 *
 * <p>Latency is {@code System.nanoTime()} now minus the packet's stamp (when its source stamped
 * it, see {@link LatencyStamp}), recorded in nanoseconds
 * into an HdrHistogram {@link Recorder} (wait-free for writers, so several workers may share a
 * probe). The packet count is a plain field written by the first thread that pushes through the
 * probe; packets from any other thread are counted atomically, so counts stay exact in every
 * configuration at no cost in the usual single-thread case.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers: {@code count} (read): packets seen.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class LatencyProbe extends SimpleElement {
    /** Latencies above this (one minute) are recorded as this. */
    static final long HIGHEST_NANOS = 60_000_000_000L;
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(State.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final State state = new State();

    private static final class State {
        final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
        /** The thread that counts into {@link #count}; set once. */
        volatile Thread owner;
        long count;
        final AtomicLong otherCount = new AtomicLong();
    }

    public LatencyProbe(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        Thread me = Thread.currentThread();
        if (s.owner == me || (s.owner == null && OWNER.compareAndSet(s, null, me))) {
            s.count++;
        } else {
            s.otherCount.incrementAndGet();
        }
        long stamp = p.anno(LatencyStamp.STAMP);
        if (stamp != 0) {
            long latency = System.nanoTime() - stamp;
            s.recorder.recordValue(Math.clamp(latency, 0, HIGHEST_NANOS));
        }
        return p;
    }

    /** Packets seen so far (read from any thread; may lag by a few packets). */
    long count() {
        return state.count + state.otherCount.get();
    }

    /** Latencies recorded since the previous call (the first call: since the start). */
    Histogram takeInterval() {
        return state.recorder.getIntervalHistogram();
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", this::count);
    }
}
