package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

/** What TimedUnqueue and Burster share: a task that pulls up to BURST packets once per INTERVAL. */
abstract class PeriodicUnqueue extends Element implements Task {
    private final Period period;
    private final State state = new State();

    private static final class State {
        volatile int burst;
        volatile boolean active;
        long count;
    }

    PeriodicUnqueue(ElementConfig c, long defaultIntervalNanos, int defaultBurst) {
        super(c);
        var args = c.args();
        var interval = defaultIntervalNanos < 0 ? args.mandatoryPositional("INTERVAL") : args.positional("INTERVAL");
        period = new Period(interval.durationNanos(defaultIntervalNanos));
        state.burst = args.positional("BURST").integer(defaultBurst, 1, Integer.MAX_VALUE);
        state.active = args.keyword("ACTIVE").bool(true);
    }

    /** For tests: the period, to substitute its clock. */
    Period period() {
        return period;
    }

    @Override
    public int runTask() {
        State s = state;
        if (!s.active || !period.due(false)) {
            return 0;
        }
        int moved = 0;
        int burst = s.burst;
        Packet p;
        while (moved < burst && (p = input(0)) != null) {
            moved++;
            s.count++;
            output(0, p);
        }
        return moved;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        Period t = period;
        h.readWrite("interval", () -> HandlerValues.seconds(t.intervalNanos()),
                v -> t.setIntervalNanos(HandlerValues.parse("interval", v, a -> a.durationNanos(0))));
        h.readWrite("burst", () -> Integer.toString(s.burst),
                v -> s.burst = HandlerValues.integer("burst", v, 1, Integer.MAX_VALUE));
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.readLong("count", () -> s.count);
    }
}
