package io.jmill.elements.standard;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Stores the time in the packet's timestamp annotation.
 *
 * <pre>SetTimestamp([TIMESTAMP, keywords FIRST])</pre>
 *
 * <p>Sets each packet's timestamp annotation to TIMESTAMP or, if TIMESTAMP is not given, to the
 * wall-clock time at which the packet passes (nanoseconds since 1970, from the worker's monotonic
 * clock anchored to the system time once, so that it never goes backwards; read once per batch,
 * so packets of one batch get the same time, see the user guide's "Time on the data path").
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code TIMESTAMP}: seconds since 1970, with up to nine decimals ({@code 1000.000001}).</li>
 * <li>{@code FIRST}: boolean. If true, set the packet's first-timestamp annotation instead of its
 *     timestamp annotation. Default false.</li>
 * <li>{@code PER_BATCH}: boolean, accepted for FastClick compatibility and ignored: the time is
 *     read for each packet.</li>
 * </ul>
 * Click's deprecated {@code DELTA} is refused, as in Click.
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; SetTimestamp -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SetTimestamp extends SimpleElement {
    private final boolean fixed;
    private final long timestampNanos;
    private final boolean first;

    public SetTimestamp(ElementConfig c) {
        super(c);
        var args = c.args();
        var tsArg = args.positional("TIMESTAMP");
        timestampNanos = tsArg.durationNanos(0);
        fixed = tsArg.present();
        first = args.keyword("FIRST").bool(false);
        args.keyword("PER_BATCH").bool(false);
        if (args.keyword("DELTA").bool(false)) {
            args.error("SetTimestamp(DELTA) is deprecated, use SetTimestampDelta(TYPE FIRST)");
        }
    }

    @Override
    protected Packet simpleAction(Packet p) {
        long t = fixed ? timestampNanos : WorkerClock.wallNanos();
        if (first) {
            p.setFirstTimestampNanos(t);
        } else {
            p.setTimestampNanos(t);
        }
        return p;
    }
}
