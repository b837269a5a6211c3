package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;

import java.util.Arrays;

/**
 * Records the time each packet passes, for TimestampDiff.
 *
 * <pre>RecordTimestamp([keywords N, OFFSET, COUNTER, DYNAMIC, NET_ORDER, SAMPLE])</pre>
 *
 * <p>Stores the monotonic time (the simulated clock under {@code --simtime}) at which each packet
 * passes, in a table of N entries. With OFFSET, the entry is the packet's number as NumberPacket
 * wrote it at that offset (so packets replayed with the same numbers reuse their entries);
 * without, entries are filled in arrival order (the first packet's time in entry 0, ...), which
 * pairs with NumberPacket's numbers as long as no packet is lost or reordered before this element.
 * With SAMPLE S, only packets whose number is a multiple of S are recorded, in entry number / S.
 *
 * <p>TimestampDiff reads an entry once: reading marks it as read, and reading it again before
 * the next record gives nothing. A number beyond the table is reported once on standard error and
 * not recorded, unless DYNAMIC is true: then the table grows (doubling) to hold it. (FastClick
 * always grows the table in arrival-order mode and stops the process for a number beyond it in
 * OFFSET mode.)
 *
 * <p>Ports: one input, one output; agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code N}: integer. Entries in the table. Default 65536.</li>
 * <li>{@code OFFSET}: integer. Where NumberPacket wrote the packet's number; negative for arrival
 *     order. Default -1.</li>
 * <li>{@code COUNTER}: the NumberPacket element that numbered the packets; its NET_ORDER is used.</li>
 * <li>{@code DYNAMIC}: boolean. Let the table grow. Default false.</li>
 * <li>{@code NET_ORDER}: boolean. Numbers are big-endian. Default false.</li>
 * <li>{@code SAMPLE}: integer, at least 1. Record one number in SAMPLE. Default 1.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets recorded.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; NumberPacket -&gt; r :: RecordTimestamp -&gt; link -&gt; TimestampDiff(r) -&gt; Discard;</pre>
 *
 * <p>See also: NumberPacket, TimestampDiff.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class RecordTimestamp extends SimpleElement {
    /** An entry not recorded, or already read. */
    static final long NONE = Long.MIN_VALUE;

    private final int offset;
    private final boolean dynamic;
    private final int sample;
    private final String counterName;
    private final State state;

    private static final class State {
        long[] times;
        boolean netOrder;
        long count;
        boolean reported;
    }

    public RecordTimestamp(ElementConfig c) {
        super(c);
        Args args = c.args();
        int n = args.keyword("N").integer(0, 0, 1 << 28);
        offset = args.keyword("OFFSET").integer(-1, -1, 1 << 16);
        counterName = args.keyword("COUNTER").string(null);
        dynamic = args.keyword("DYNAMIC").bool(false);
        sample = Math.max(1, args.keyword("SAMPLE").integer(1, 0, Integer.MAX_VALUE));
        state = new State();
        state.netOrder = args.keyword("NET_ORDER").bool(false);
        state.times = new long[n == 0 ? 65536 : n];
        Arrays.fill(state.times, NONE);
    }

    @Override
    public void initialize() {
        if (counterName != null) {
            Element e = findElement(counterName);
            if (!(e instanceof NumberPacket np)) {
                throw new IllegalArgumentException("COUNTER must be a NumberPacket element"
                        + (e == null ? " (no element '" + counterName + "')" : ", not a " + e.className()));
            }
            state.netOrder = np.netOrder();
        }
    }

    boolean netOrder() {
        return state.netOrder;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        long i;
        if (offset >= 0) {
            if (p.length() < offset + 8) {
                return p;
            }
            i = NumberPacket.read(p, offset, s.netOrder);
        } else {
            i = s.count;
        }
        if (sample > 1) {
            if (Long.remainderUnsigned(i, sample) != 0) {
                if (offset < 0) {
                    s.count++;
                }
                return p;
            }
            i = Long.divideUnsigned(i, sample);
        }
        long[] times = s.times;
        if (i < 0 || i >= times.length) {
            times = grow(s, i);
            if (times == null) {
                return p;
            }
        }
        times[(int) i] = WorkerClock.nanos();
        s.count++;
        return p;
    }

    /** The table grown to hold entry {@code i}, or null (reported once) if it may not grow. */
    private long[] grow(State s, long i) {
        if (!dynamic || i < 0 || i >= (1 << 28)) {
            if (!s.reported) {
                s.reported = true;
                System.err.println(name() + ": packet number " + Long.toUnsignedString(i) + " is beyond the table ("
                        + s.times.length + " entries); use N or DYNAMIC true");
            }
            return null;
        }
        int size = Math.max(s.times.length, 1);
        while (size <= i) {
            size *= 2;
        }
        long[] bigger = Arrays.copyOf(s.times, size);
        Arrays.fill(bigger, s.times.length, size, NONE);
        s.times = bigger;
        return bigger;
    }

    /**
     * The time recorded for packet number {@code number} (divided by SAMPLE), marking it read; or
     * {@link #NONE} if none was recorded since it was last read.
     */
    long take(long number) {
        long i = sample > 1 ? Long.divideUnsigned(number, sample) : number;
        long[] times = state.times;
        if (i < 0 || i >= times.length) {
            return NONE;
        }
        long t = times[(int) i];
        times[(int) i] = NONE;
        return t;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
    }
}
