package io.jmill.bench.suite;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;


/**
 * Counts the packets that reach the end of the graph, and records the latency of those a
 * {@link LatencyStamp} sampled. The suite puts one in front of every sink it measures at.
 *
 * <pre>LatencyProbe</pre>
 *
 * <p>Latency is {@code System.nanoTime()} now minus the packet's stamp (when its source stamped
 * it, see {@link LatencyStamp}), recorded in nanoseconds
 * into an HdrHistogram {@link Recorder} (wait-free for writers, so several workers may share a
 * probe). Packets are counted as {@link SinkCount} does: exactly, from any number of threads.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers: {@code count} (read): packets seen.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class LatencyProbe extends SimpleElement implements SinkProbe {
    /** Latencies above this (one minute) are recorded as this. */
    static final long HIGHEST_NANOS = 60_000_000_000L;

    private final State state = new State();

    private static final class State {
        final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
        final SinkCount count = new SinkCount();
    }

    public LatencyProbe(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        s.count.add();
        long stamp = p.anno(LatencyStamp.STAMP);
        if (stamp != 0) {
            long latency = System.nanoTime() - stamp;
            s.recorder.recordValue(Math.clamp(latency, 0, HIGHEST_NANOS));
        }
        return p;
    }

    @Override
    public long count() {
        return state.count.get();
    }

    @Override
    public Histogram takeInterval() {
        return state.recorder.getIntervalHistogram();
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", this::count);
    }
}
