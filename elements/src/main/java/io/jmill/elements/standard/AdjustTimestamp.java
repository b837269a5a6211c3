package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Adds a (possibly negative) time to the packet's timestamp annotation.
 *
 * <pre>AdjustTimestamp(TIME [, keywords FIRST, ALL])</pre>
 *
 * <p>TIME is a time with an optional sign: {@code -1}, {@code +1.5}, {@code 250ms}. Packets whose
 * timestamp is zero (never set) are left alone unless ALL is true.
 *
 * <p>Ports: one input, one output; agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code FIRST}: boolean. Adjust the "first timestamp" annotation instead. Default false.</li>
 * <li>{@code ALL}: boolean. Adjust zero timestamps too. Default false.</li>
 * </ul>
 *
 * <p>Handlers: {@code time} (read/write): TIME, in seconds.
 *
 * <p>Example:
 * <pre>FromDump(trace.pcap) -&gt; AdjustTimestamp(-3600) -&gt; ToDump(shifted.pcap);</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class AdjustTimestamp extends SimpleElement {
    private final boolean first;
    private final boolean all;
    private final State state = new State();

    private static final class State {
        volatile long deltaNanos;
    }

    public AdjustTimestamp(ElementConfig c) {
        super(c);
        Args args = c.args();
        String time = args.mandatoryPositional("TIME").string("0");
        first = args.keyword("FIRST").bool(false);
        all = args.keyword("ALL").bool(false);
        try {
            state.deltaNanos = parse(time);
        } catch (IllegalArgumentException e) {
            args.error("TIME: " + e.getMessage());
        }
    }

    /** A signed time in nanoseconds: {@code -1}, {@code +1.5}, {@code 20ms}. */
    static long parse(String text) {
        String t = text.strip();
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        long n = new Args("TIME", t).positional("TIME").durationNanos(-1);
        if (n < 0) {
            throw new IllegalArgumentException("expected a time such as -1, +1.5 or 250ms, got '" + text + "'");
        }
        return negative ? -n : n;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        long delta = state.deltaNanos;
        if (first) {
            long ts = p.firstTimestampNanos();
            if (ts != 0 || all) {
                p.setFirstTimestampNanos(ts + delta);
            }
        } else {
            long ts = p.timestampNanos();
            if (ts != 0 || all) {
                p.setTimestampNanos(ts + delta);
            }
        }
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readWrite("time", () -> String.format("%.9f", state.deltaNanos / 1e9).replaceAll("0+$", "").replaceAll("\\.$", ""),
                v -> {
                    try {
                        state.deltaNanos = parse(v);
                    } catch (IllegalArgumentException e) {
                        throw new HandlerException(e.getMessage());
                    }
                });
    }
}
