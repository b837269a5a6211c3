package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;

import java.util.Arrays;

/**
 * Emulates a serial link with a latency and a bandwidth.
 *
 * <p>Pulls packets and pushes them out after the link's latency and the time their bytes take at
 * its bandwidth.
 *
 * <pre>LinkUnqueue(LATENCY, BANDWIDTH)</pre>
 *
 * <p>Each packet pulled enters the link and leaves it LATENCY plus its transmission time (its
 * length and extra-length annotation at BANDWIDTH) later. A packet pulled while the one before it
 * is still being sent queues behind it (back to back): it leaves one transmission time after that
 * one. LinkUnqueue pulls only while there is room on the link, that is while the last packet on it
 * has less than LATENCY to go, so "Queue -&gt; LinkUnqueue" is a link fed by a queue. Each packet's
 * timestamp annotation is set to the time it leaves. With BANDWIDTH 0, packets only take LATENCY.
 *
 * <p>As in Click, the transmission time is computed in whole microseconds from the bandwidth in
 * units of 100 bytes per second: {@code length * 10000 / (BANDWIDTH / 100)}.
 *
 * <p>Ports: one pull input, one push output.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code LATENCY}: time, such as {@code 5ms}.</li>
 * <li>{@code BANDWIDTH}: bandwidth, such as {@code 100kbps}, {@code 1Mbps} or {@code 12500Bps};
 *     at least 100 bytes per second, or 0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code latency} (read/write): LATENCY in seconds.</li>
 * <li>{@code bandwidth} (read/write): BANDWIDTH in bytes per second.</li>
 * <li>{@code size} (read): packets on the link.</li>
 * <li>{@code reset} (write): drops the packets on the link (as does any write).</li>
 * </ul>
 *
 * <p>Example (a 384 kbit/s link with 20 ms latency):
 * <pre>src -&gt; Queue -&gt; LinkUnqueue(20ms, 384kbps) -&gt; out;</pre>
 *
 * <p>See also: DelayUnqueue, BandwidthRatedUnqueue, Queue.
 */
@ElementInfo(ports = "1/1", processing = "l/h")
public final class LinkUnqueue extends Element implements Task {
    private final State state = new State();

    private static final class State {
        volatile long latencyNanos;
        /** Bandwidth in units of 100 bytes per second (Click's arithmetic); 0: none. */
        volatile long bandwidth100;
        /** Packets on the link, oldest first: a ring over {@code link}, grown when full. */
        Packet[] link = new Packet[64];
        int head;
        int size;
        /** The last packet pulled came right after another (the link was never idle between). */
        boolean backToBack;
        /** A write asked for the link to be emptied (done by the task's thread). */
        volatile boolean resetRequested;
    }

    public LinkUnqueue(ElementConfig c) {
        super(c);
        var args = c.args();
        state.latencyNanos = args.mandatoryPositional("LATENCY").durationNanos(0);
        var bw = args.mandatoryPositional("BANDWIDTH");
        double bytesPerSecond = bw.bandwidthBitsPerSecond(0) / 8;
        if (bytesPerSecond != 0 && bytesPerSecond < 100) {
            args.error("BANDWIDTH: bandwidth too small, minimum 100Bps, or 0 to disable bandwidth");
        }
        state.bandwidth100 = (long) bytesPerSecond / 100;
    }

    @Override
    public int runTask() {
        State s = state;
        if (s.resetRequested) {
            s.resetRequested = false;
            drop(s);
        }
        long now = WorkerClock.wallNanos();
        long latency = s.latencyNanos;
        long nowDelayed = now + latency;
        int moved = 0;
        while (s.size == 0 || tail(s).timestampNanos() <= nowDelayed) {
            Packet p = input(0);
            if (p == null) {
                s.backToBack = false;
                break;
            }
            long start = s.size > 0 && s.backToBack ? tail(s).timestampNanos() : nowDelayed;
            p.setTimestampNanos(start + transmissionNanos(s, p));
            append(s, p);
            s.backToBack = true;
            moved++;
        }
        while (s.size > 0 && s.link[s.head].timestampNanos() <= now) {
            Packet p = s.link[s.head];
            s.link[s.head] = null;
            s.head = (s.head + 1) & (s.link.length - 1);
            s.size--;
            output(0, p);
            moved++;
        }
        if (s.size > 0) {
            SimulatedTime.wakeAt(Math.min(s.link[s.head].timestampNanos(), tail(s).timestampNanos() - latency));
        }
        return moved;
    }

    private static long transmissionNanos(State s, Packet p) {
        long bw = s.bandwidth100;
        if (bw <= 0) {
            return 0;
        }
        long length = p.length() + p.anno(ExtraLength.FIELD);
        return length * 10_000 / bw * 1_000;
    }

    private static Packet tail(State s) {
        return s.link[(s.head + s.size - 1) & (s.link.length - 1)];
    }

    private static void append(State s, Packet p) {
        if (s.size == s.link.length) {
            Packet[] bigger = Arrays.copyOf(s.link, s.link.length * 2);
            for (int i = 0; i < s.head; i++) { // unwrap: the ring's first part moves behind its second
                bigger[s.link.length + i] = s.link[i];
                bigger[i] = null;
            }
            s.link = bigger;
        }
        s.link[(s.head + s.size) & (s.link.length - 1)] = p;
        s.size++;
    }

    private static void drop(State s) {
        while (s.size > 0) {
            s.link[s.head].kill();
            s.link[s.head] = null;
            s.head = (s.head + 1) & (s.link.length - 1);
            s.size--;
        }
        s.head = 0;
        s.backToBack = false;
    }

    @Override
    public void cleanup() {
        drop(state);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("latency", () -> HandlerValues.seconds(s.latencyNanos), v -> {
            s.latencyNanos = HandlerValues.parse("latency", v, a -> a.durationNanos(0));
            s.resetRequested = true;
        });
        h.readWrite("bandwidth", () -> Long.toString(s.bandwidth100 * 100), v -> {
            double bytes = HandlerValues.parse("bandwidth", v, a -> a.bandwidthBitsPerSecond(0)) / 8;
            if (bytes < 100) {
                throw new HandlerException("bandwidth too small, minimum 100Bps");
            }
            s.bandwidth100 = (long) bytes / 100;
            s.resetRequested = true;
        });
        h.readLong("size", () -> s.size);
        h.write("reset", v -> s.resetRequested = true);
    }
}
