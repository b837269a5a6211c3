package io.jmill.elements.standard;

import io.jmill.engine.args.Arg;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;

import java.util.List;
import java.util.function.LongSupplier;

/** What Meter and BandwidthMeter share: an averaged rate compared with ascending thresholds. */
abstract class MeterBase extends Element {
    private final boolean perByte;
    /** The thresholds, ascending, in packets or bytes per second. */
    private final double[] thresholds;
    private final State state = new State();

    static final class State {
        final RateEwma rate = new RateEwma();
        /** Monotonic nanoseconds; tests substitute their own. */
        LongSupplier clock = WorkerClock::nanos;
    }

    MeterBase(ElementConfig c, boolean perByte) {
        super(c);
        this.perByte = perByte;
        var args = c.args();
        List<Arg> rates = args.remainingPositional();
        double[] t = new double[rates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = perByte ? rates.get(i).bandwidthBitsPerSecond(0) / 8 : rates.get(i).rate(0);
            if (i > 0 && t[i] <= t[i - 1]) {
                args.error("rates must be in increasing order");
            }
        }
        if (t.length == 0) {
            args.error("expected at least one rate");
        } else if (c.noutputs() != t.length + 1) {
            args.error(t.length + " rate" + (t.length == 1 ? "" : "s") + " need " + (t.length + 1) + " outputs, "
                    + c.noutputs() + " connected");
        }
        thresholds = t;
    }

    /** For tests: the state, to substitute the clock. */
    State state() {
        return state;
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        long now = s.clock.getAsLong();
        s.rate.update(now, perByte ? p.length() : 1);
        double r = s.rate.rate(now);
        double[] t = thresholds;
        int k = 0;
        while (k < t.length && r >= t[k]) {
            k++;
        }
        checkedOutput(k, p);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("rate", () -> HandlerValues.number(Math.round(s.rate.lastRate())) + (perByte ? "B/s" : ""));
    }
}
