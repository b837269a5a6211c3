package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Merges packet streams that are each sorted by timestamp into one sorted stream.
 *
 * <pre>TimeSortedSched([keywords STOP, BUFFER])</pre>
 *
 * <p>Answers each pull with the earliest packet, by timestamp, among those its inputs offer: it
 * keeps up to BUFFER packets pulled from each input and hands out the one with the smallest
 * timestamp (the lowest input on ties). Streams that arrive sorted come out merged in order; a
 * stream that does not is passed on out of order beyond what BUFFER absorbs, and
 * {@code well_ordered} then reads false.
 *
 * <p>Ports: any number of pull inputs, one pull output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code STOP}: boolean. Ask the router to stop when no input has a packet left and no queue
 *     upstream says that packets are coming (its empty signal, see Queue; a pull source without
 *     a notifier, such as FromDump, counts as finished once it gives nothing). Asked again after
 *     packets flowed since, so a driver script that goes on after the first stop sees the next.
 *     Default false.</li>
 * <li>{@code BUFFER}: integer, at least 1. Packets held per input. Default 1.</li>
 * </ul>
 *
 * <p>Handlers: {@code well_ordered} (read): {@code true} while every packet emitted was no
 * earlier than the one before it.
 *
 * <p>Example, merging two traces by time:
 * <pre>tss :: TimeSortedSched(STOP true);
 * FromDump(a.pcap) -&gt; [0] tss;  FromDump(b.pcap) -&gt; [1] tss;
 * tss -&gt; ToDump(merged.pcap);</pre>
 */
@ElementInfo(ports = "-/1", processing = "l/l")
public final class TimeSortedSched extends Element {
    private final boolean stop;
    private final int buffer;
    private final State state = new State();

    private static final class State {
        /** Per input, its held packets in arrival order: held[input][0 .. count[input]). */
        Packet[][] held;
        int[] count;
        long last = Long.MIN_VALUE;
        boolean wellOrdered = true;
        /** A stop has been asked for since the last packet went out. */
        boolean stopped;
        /** Per input, the empty signal of the queues upstream (set at initialization). */
        NotifierSignal[] upstream;
    }

    public TimeSortedSched(ElementConfig c) {
        super(c);
        var args = c.args();
        stop = args.keyword("STOP").bool(false);
        buffer = args.keyword("BUFFER").integer(1, 1, 1 << 16);
    }

    @Override
    public void initialize() {
        state.held = new Packet[ninputs()][buffer];
        state.count = new int[ninputs()];
        NotifierSignals signals = NotifierSignals.of(host());
        state.upstream = new NotifierSignal[ninputs()];
        for (int i = 0; i < ninputs(); i++) {
            state.upstream[i] = signals.upstreamEmpty(this, i);
        }
    }

    /** True if a queue upstream says it has packets (inputs without a notifier say nothing). */
    private static boolean packetsComing(State s) {
        for (NotifierSignal signal : s.upstream) {
            if (!signal.busy() && signal.active()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void cleanup() {
        State s = state;
        if (s.held == null) {
            return;
        }
        for (int i = 0; i < s.held.length; i++) {
            for (int k = 0; k < s.count[i]; k++) {
                s.held[i][k].kill();
                s.held[i][k] = null;
            }
            s.count[i] = 0;
        }
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        int best = -1;
        int bestAt = -1;
        long bestTs = Long.MAX_VALUE;
        for (int i = 0; i < s.held.length; i++) {
            Packet[] h = s.held[i];
            while (s.count[i] < buffer) {
                Packet p = input(i);
                if (p == null) {
                    break;
                }
                h[s.count[i]++] = p;
            }
            for (int k = 0; k < s.count[i]; k++) {
                long ts = h[k].timestampNanos();
                if (ts < bestTs) {
                    bestTs = ts;
                    best = i;
                    bestAt = k;
                }
            }
        }
        if (best < 0) {
            if (stop && !s.stopped && !packetsComing(s)) {
                s.stopped = true;
                host().stop(name() + ": no more packets");
            }
            return null;
        }
        s.stopped = false;
        Packet[] h = s.held[best];
        Packet p = h[bestAt];
        System.arraycopy(h, bestAt + 1, h, bestAt, s.count[best] - bestAt - 1);
        h[--s.count[best]] = null;
        if (bestTs < s.last) {
            s.wellOrdered = false;
        }
        s.last = bestTs;
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.read("well_ordered", () -> Boolean.toString(state.wellOrdered));
    }
}
