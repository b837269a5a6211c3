package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;

import java.util.function.LongSupplier;

/**
 * Pull-to-push converter that delays packets by their timestamp.
 *
 * <pre>DelayUnqueue(DELAY [, keyword BURST])</pre>
 *
 * <p>Pulls packets and pushes each out once DELAY has passed since its timestamp annotation (on
 * the worker's wall clock); a packet without a timestamp goes at once. A packet that is not due
 * yet is held, and nothing else is pulled, until it is. Put SetTimestamp upstream of the queue to
 * stamp packets when they arrive.
 *
 * <p>Ports: one pull input, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code BURST}: integer. Most packets moved per task run. Default the router's batch
 *     size.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code delay} (read/write): DELAY in seconds.</li>
 * <li>{@code count} (read): packets moved.</li>
 * </ul>
 *
 * <p>Example (a 10 ms link):
 * <pre>src -&gt; SetTimestamp -&gt; Queue -&gt; DelayUnqueue(10ms) -&gt; out;</pre>
 *
 * <p>See also: TimedUnqueue, SetTimestamp.
 */
@ElementInfo(ports = "1/1", processing = "l/h")
public final class DelayUnqueue extends Element implements Task {
    private final int burst;
    private final State state = new State();

    static final class State extends HeldDelay {
        long count;
        /** Wall-clock nanoseconds; tests substitute their own. */
        LongSupplier clock = WorkerClock::wallNanos;
    }

    public DelayUnqueue(ElementConfig c) {
        super(c);
        var args = c.args();
        state.delayNanos = args.mandatoryPositional("DELAY").durationNanos(0);
        burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
    }

    /** For tests: the state, to substitute the clock. */
    State state() {
        return state;
    }

    @Override
    public int runTask() {
        State s = state;
        long now = s.clock.getAsLong();
        long delay = s.delayNanos;
        int moved = 0;
        while (moved < burst) {
            Packet p = s.held;
            if (p == null) {
                p = input(0);
                if (p == null) {
                    break;
                }
            }
            long ts = p.timestampNanos();
            if (ts != 0 && now - ts < delay) {
                SimulatedTime.wakeAt(ts + delay);
                s.held = p;
                break;
            }
            s.held = null;
            moved++;
            s.count++;
            output(0, p);
        }
        return moved;
    }

    @Override
    public void cleanup() {
        state.freeHeld();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        s.addDelayHandler(h);
        h.readLong("count", () -> s.count);
    }
}
