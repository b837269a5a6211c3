package io.jmill.bench.suite;

import org.HdrHistogram.Histogram;

/** An element the suite puts in front of a measured sink: it counts packets and may record latencies. */
interface SinkProbe {
    /** Packets seen so far (read from any thread; may lag by a few packets). */
    long count();

    /** Latencies recorded since the previous call (the first call: since the start); empty if none are measured. */
    Histogram takeInterval();
}
