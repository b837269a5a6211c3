package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;

/**
 * Replaces packet timestamps with time differences.
 *
 * <pre>SetTimestampDelta([keyword TYPE])</pre>
 *
 * <p>Replaces each nonzero timestamp annotation with a delta; zero timestamps stay zero.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code TYPE}: {@code RANGE} (the default): the time since the first nonzero timestamp the
 *     element saw; {@code NOW}: the time from the timestamp to now; {@code FIRST}: the time since
 *     the packet's first-timestamp annotation.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code first} (read): the first nonzero timestamp seen (RANGE), in seconds since 1970.</li>
 * <li>{@code reset} (write): forgets it; later deltas are from the next nonzero timestamp.</li>
 * </ul>
 *
 * <p>Example (timestamps relative to the start of a trace):
 * <pre>FromDump(trace.pcap) -&gt; SetTimestampDelta -&gt; ToIPSummaryDump(-, FIELDS timestamp ip_src);</pre>
 *
 * <p>See also: SetTimestamp, AdjustTimestamp, TimeFilter.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SetTimestampDelta extends SimpleElement {
    private enum Type { RANGE, NOW, FIRST }

    private static final int RANGE = 0;
    private static final int NOW = 1;

    /** TYPE's ordinal (a plain int keeps the data path free of an enum switch's helper class). */
    private final int type;
    private final State state = new State();

    private static final class State {
        /** The first nonzero timestamp seen; 0: none yet. */
        volatile long firstNanos;
    }

    public SetTimestampDelta(ElementConfig c) {
        super(c);
        type = c.args().keyword("TYPE").choice(Type.class, Type.RANGE).ordinal();
    }

    @Override
    protected Packet simpleAction(Packet p) {
        long ts = p.timestampNanos();
        if (ts != 0) {
            if (type == RANGE) {
                State s = state;
                if (s.firstNanos == 0) {
                    s.firstNanos = ts;
                }
                p.setTimestampNanos(ts - s.firstNanos);
            } else if (type == NOW) {
                p.setTimestampNanos(WorkerClock.wallNanos() - ts);
            } else {
                p.setTimestampNanos(ts - p.firstTimestampNanos());
            }
        }
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("first", () -> HandlerValues.seconds(s.firstNanos));
        h.write("reset", v -> s.firstNanos = 0);
    }
}
