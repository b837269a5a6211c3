package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;

/**
 * Delays pulled packets by at least DELAY after their timestamp.
 *
 * <pre>DelayShaper(DELAY)</pre>
 *
 * <p>Pulls a packet and holds it until DELAY has passed since its timestamp annotation (a packet
 * without a timestamp is stamped when pulled); until then every pull returns nothing. A packet is
 * handed out with its timestamp set to the time it leaves. At most one packet is held at a time.
 * Unlike DelayUnqueue, both its input and its output are pull.
 *
 * <p>DelayShaper is an empty notifier, as in Click: its signal (see Queue and NotifierDebug) is
 * active while it holds a packet that is due, and goes off while it waits for one, or holds none
 * and the queues upstream are empty.
 *
 * <p>Ports: one pull input, one pull output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code delay} (read/write): DELAY in seconds.</li>
 * </ul>
 *
 * <p>Example (a 50 ms delay line):
 * <pre>src -&gt; SetTimestamp -&gt; Queue -&gt; DelayShaper(50ms) -&gt; Unqueue -&gt; out;</pre>
 *
 * <p>See also: DelayUnqueue, LinkUnqueue, SetTimestamp.
 */
@ElementInfo(ports = "1/1", processing = "l/l")
public final class DelayShaper extends Element implements Notifier {
    private final State state = new State();

    /** The held packet's timestamp is already moved to when it is due. */
    private static final class State extends HeldDelay {
        /** This element's empty signal and the queues' upstream; null until some element asks for signals. */
        NotifierSignal signal;
        NotifierSignal upstream = NotifierSignal.BUSY;
    }

    public DelayShaper(ElementConfig c) {
        super(c);
        state.delayNanos = c.args().mandatoryPositional("DELAY").durationNanos(0);
    }

    @Override
    public void allocateSignals(NotifierSignals signals) {
        state.signal = signals.allocate("empty");
        state.upstream = signals.upstreamEmpty(this, 0);
    }

    @Override
    public NotifierSignal emptySignal() {
        return state.signal;
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        Packet p = s.held;
        if (p == null && (p = input(0)) != null) {
            long ts = p.timestampNanos();
            p.setTimestampNanos((ts != 0 ? ts : WorkerClock.wallNanos()) + s.delayNanos);
            s.held = p;
        }
        if (p != null) {
            long now = WorkerClock.wallNanos();
            if (p.timestampNanos() <= now) {
                s.held = null;
                p.setTimestampNanos(now);
                if (s.signal != null) {
                    s.signal.set(true);
                }
                return p;
            }
            SimulatedTime.wakeAt(p.timestampNanos());
            if (s.signal != null) {
                s.signal.set(false);
            }
        } else if (s.signal != null) {
            s.signal.set(s.upstream.active());
        }
        return null;
    }

    @Override
    public void cleanup() {
        state.freeHeld();
    }

    @Override
    public void addHandlers(Handlers h) {
        state.addDelayHandler(h);
    }
}
