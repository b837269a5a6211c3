package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

/**
 * Pulls and drops a packet periodically.
 *
 * <pre>TimedSink([INTERVAL])</pre>
 *
 * <p>Pulls one packet from its input every INTERVAL (default 500 ms, on the worker clock) and
 * drops it.
 *
 * <p>Ports: one pull input, no outputs.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code interval} (read/write): INTERVAL in seconds.</li>
 * <li>{@code count} (read): packets dropped.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; Queue(10) -&gt; TimedSink(10ms);</pre>
 *
 * <p>See also: TimedSource, Discard.
 */
@ElementInfo(ports = "1/0", processing = "l/l")
public final class TimedSink extends Element implements Task {
    private final Period period;
    private final State state = new State();

    private static final class State {
        long count;
    }

    public TimedSink(ElementConfig c) {
        super(c);
        period = new Period(c.args().positional("INTERVAL").durationNanos(500_000_000L));
    }

    /** For tests: the period, to substitute its clock. */
    Period period() {
        return period;
    }

    @Override
    public int runTask() {
        if (!period.due(false)) {
            return 0;
        }
        Packet p = input(0);
        if (p == null) {
            return 0;
        }
        state.count++;
        p.kill();
        return 1;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        Period t = period;
        h.readWrite("interval", () -> HandlerValues.seconds(t.intervalNanos()),
                v -> t.setIntervalNanos(HandlerValues.parse("interval", v, a -> a.durationNanos(0))));
        h.readLong("count", () -> s.count);
    }
}
