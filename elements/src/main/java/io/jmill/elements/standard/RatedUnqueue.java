package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Pull-to-push converter that pulls at a given rate.
 *
 * <pre>RatedUnqueue(RATE [, keywords BURST_DURATION, BURST_SIZE, BURST, ACTIVE])</pre>
 *
 * <p>Pulls packets at RATE packets per second and pushes them out of its single output. The rate
 * is kept by a token bucket on the worker clock, as in Click: it fills at RATE tokens per second
 * up to its size (20 ms worth of tokens by default, at least one), starts empty, and each packet
 * takes a token. When the task runs it moves as many packets as it has whole tokens for, at most
 * BURST; with no token it moves nothing and lets its worker idle.
 *
 * <p>Ports: one pull input, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code RATE}: packets per second ({@code 1000}, {@code 10k}). Same as the RATE argument.</li>
 * <li>{@code BURST_DURATION}: time. The bucket holds RATE &times; BURST_DURATION tokens.</li>
 * <li>{@code BURST_SIZE}: integer. The bucket holds this many tokens. Not with BURST_DURATION.</li>
 * <li>{@code BURST}: integer. Most packets moved per task run. Default the router's batch size
 *     (32), as FastClick's.</li>
 * <li>{@code ACTIVE}: boolean. If false, pull nothing. Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code rate} (read/write): the rate in packets per second; writing it keeps the bucket's
 *     duration.</li>
 * <li>{@code active}, {@code burst} (read/write): the ACTIVE and BURST settings.</li>
 * <li>{@code reset} (write): empty the bucket.</li>
 * <li>{@code calls} (read): task runs, runs without a token, runs that pushed, failed pulls and
 *     packets moved, one per line as in Click.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>InfiniteSource -&gt; Queue -&gt; RatedUnqueue(1000) -&gt; Discard;</pre>
 *
 * <p>See also: BandwidthRatedUnqueue, TimedUnqueue, Unqueue, Shaper, RatedSplitter.
 */
@ElementInfo(ports = "1/1", processing = "l/h")
public final class RatedUnqueue extends RateUnqueueBase {
    public RatedUnqueue(ElementConfig c) {
        super(c, false);
    }
}
