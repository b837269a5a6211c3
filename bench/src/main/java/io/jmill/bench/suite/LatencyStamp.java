package io.jmill.bench.suite;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

/**
 * Stamps one packet in every SAMPLE with the time its source stamped it, on the
 * {@link System#nanoTime()} clock, for a {@link LatencyProbe} downstream. The suite puts one
 * behind every source output.
 *
 * <pre>LatencyStamp([SAMPLE])</pre>
 *
 * <p>Sources set the timestamp annotation to wall-clock nanoseconds, read once per burst
 * ({@code InfiniteSource}) or per packet (a NIC), from {@code nanoTime} plus an offset that they
 * anchor with only millisecond precision: too coarse to subtract from another element's clock.
 * This element learns that offset: for each sampled packet it reads {@code nanoTime} and keeps
 * the largest {@code timestamp - nanoTime} seen, which is the source's offset minus the shortest
 * delay from the source's clock read to here (tens of nanoseconds: the first packet of a burst
 * arrives here before the source makes the second). The stamp is {@code timestamp} minus that
 * offset: when the source read its clock, so latency includes the wait of a packet behind the
 * earlier packets of its burst, as with a NIC's receive timestamp. A packet without a timestamp
 * is stamped with the time it passes here.
 *
 * <p>The stamp goes into the named annotation {@code bench_latency_stamp}; packets come from the
 * pool with their metadata cleared, so unsampled packets carry 0. Sampling keeps the cost low
 * ({@code nanoTime} costs 20-70 ns depending on the clock source); SAMPLE should be odd, so that
 * the sampled position moves through the bursts.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code SAMPLE}: integer, at least 1. Stamp every SAMPLE-th packet. Default 63.</li>
 * </ul>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class LatencyStamp extends SimpleElement {
    /** Where stamps live; 0 means not sampled. */
    static final MetadataField STAMP = MetadataField.register("bench_latency_stamp", 8);
    static final int DEFAULT_SAMPLE = 63;

    private final int sample;
    private final State state = new State();

    /** Written by the thread that runs the element (races with another thread only skew sampling). */
    private static final class State {
        /** Packets until the next stamp. */
        int countdown = 1;
        /** Largest {@code timestamp - nanoTime} seen: the source's clock offset, learnt. */
        long offset = Long.MIN_VALUE;
    }

    public LatencyStamp(ElementConfig c) {
        super(c);
        sample = c.args().positional("SAMPLE").integer(DEFAULT_SAMPLE, 1, Integer.MAX_VALUE);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        if (--s.countdown <= 0) {
            s.countdown = sample;
            long now = System.nanoTime();
            long timestamp = p.timestampNanos();
            long stamp = now;
            if (timestamp != 0) {
                s.offset = Math.max(s.offset, timestamp - now);
                stamp = timestamp - s.offset;
            }
            p.setAnno(STAMP, stamp == 0 ? 1 : stamp);
        }
        return p;
    }
}
