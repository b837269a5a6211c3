package io.jmill.elements.standard;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;

import java.util.List;

/**
 * Passes packets whose timestamps lie in a range.
 *
 * <pre>TimeFilter([START, END, keywords START_AFTER, START_DELAY, END_AFTER, END_DELAY, INTERVAL, STOP, END_CALL])</pre>
 *
 * <p>A packet whose timestamp annotation is at least the start and before the end goes out of
 * output 0; any other goes out of output 1, or is dropped if there is none. The range is given
 * absolutely (START, END: seconds since the epoch), relative to the first packet's timestamp
 * (START_AFTER, END_AFTER), relative to the time the router started (START_DELAY, END_DELAY), or
 * as a length after the start (INTERVAL). Without a start, everything from the first packet on
 * passes; without an end, nothing ends.
 *
 * <p>When the first packet at or past the end arrives, STOP asks the router to stop, and END_CALL
 * writes a handler: {@code END_CALL h VALUE} writes VALUE to handler {@code h}, with {@code $t} in
 * VALUE replaced by that packet's timestamp. END_CALL runs once, unless the handler moves the end (through
 * {@code extend_interval}, {@code interval} or {@code end}): then it runs again for the next packet
 * past the new end, and if the new end still lies before this packet, at once, as long as it keeps
 * moving the end forward. A packet that the moved end now covers passes.
 *
 * <p>Ports: one input, agnostic; one or two outputs (output 1 push).
 *
 * <p>Keyword arguments: START, START_AFTER, START_DELAY (at most one); END, END_AFTER, END_DELAY,
 * INTERVAL (at most one): times in seconds ({@code 1.5}, {@code 100ms}); STOP: boolean, default
 * false; END_CALL: {@code HANDLER [VALUE]}. STOP and END_CALL are mutually exclusive.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code start}, {@code end} (read/write): the range, in seconds since the epoch (relative
 *     ones are only known once the first packet has passed).</li>
 * <li>{@code interval} (read/write): the end minus the start; writing it sets the end.</li>
 * <li>{@code extend_interval} (write): moves the end later by the time written.</li>
 * </ul>
 *
 * <p>Example: the first ten seconds of a trace.
 * <pre>FromDump(trace.pcap) -&gt; TimeFilter(INTERVAL 10s, STOP true) -&gt; ToDump(first.pcap);</pre>
 *
 * <p>See also: SetTimestamp, TimeSortedSched.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class TimeFilter extends ClassifyingElement {
    private static final long FOREVER = Long.MAX_VALUE;

    private enum Base { ABSOLUTE, FIRST_PACKET, START_TIME }

    private final Base startBase;
    private final Base endBase;
    private final boolean endIsInterval;
    private final String endHandler;
    private final String endValue;
    private final State state = new State();

    private static final class State {
        long start;
        long end;
        boolean ready;
        /** Whether END_CALL may run: until it has, and again after the end moved. */
        boolean callReady;
    }

    public TimeFilter(ElementConfig c) {
        super(c);
        Args args = c.args();
        long[] start = new long[1];
        startBase = pick(args, "START", start, List.of(args.positional("START"), args.keyword("START_AFTER"),
                args.keyword("START_DELAY")), Base.FIRST_PACKET);
        long[] end = new long[1];
        Arg interval = args.keyword("INTERVAL");
        Base eb = pick(args, "END", end, List.of(args.positional("END"), args.keyword("END_AFTER"),
                args.keyword("END_DELAY"), interval), null);
        endIsInterval = interval.present() && eb == Base.FIRST_PACKET;
        boolean stop = args.keyword("STOP").bool(false);
        List<String> call = args.keyword("END_CALL").words();
        if (stop && !call.isEmpty()) {
            args.error("END_CALL and STOP are mutually exclusive");
        }
        if (stop) {
            endHandler = "stop";
            endValue = "true";
        } else {
            endHandler = call.isEmpty() ? null : call.getFirst();
            endValue = call.isEmpty() ? null : String.join(" ", call.subList(1, call.size()));
        }
        state.start = start[0];
        if (eb == null) {
            endBase = Base.ABSOLUTE;
            state.end = FOREVER;
        } else {
            endBase = endIsInterval ? Base.FIRST_PACKET : eb;
            state.end = end[0];
        }
        state.callReady = endHandler != null;
    }

    /**
     * Reads the one given of {@code choices} (absolute, after the first packet, after start-up,
     * and for the end also the interval) into {@code value}; returns its base, or {@code none}.
     */
    private static Base pick(Args args, String what, long[] value, List<Arg> choices, Base none) {
        Base base = none;
        int given = 0;
        for (int i = 0; i < choices.size(); i++) {
            Arg a = choices.get(i);
            if (a.present()) {
                given++;
                value[0] = a.durationNanos(0);
                base = switch (i) {
                    case 0 -> Base.ABSOLUTE;
                    case 2 -> Base.START_TIME;
                    default -> Base.FIRST_PACKET;
                };
            }
        }
        if (given > 1) {
            args.error(what + ": give at most one of " + choices.stream().map(Arg::name).toList());
        }
        return base;
    }

    @Override
    public void initialize() {
        long now = WorkerClock.wallNanos();
        if (startBase == Base.START_TIME) {
            state.start += now;
        }
        if (endBase == Base.START_TIME) {
            state.end += now;
        }
    }

    private void firstPacket(State s, long t) {
        if (startBase == Base.FIRST_PACKET) {
            s.start += t;
        }
        if (endIsInterval) {
            s.end += s.start;
        } else if (endBase == Base.FIRST_PACKET) {
            s.end += t;
        }
        s.ready = true;
    }

    @Override
    protected int classify(int port, Packet p) {
        State s = state;
        long t = p.timestampNanos();
        if (!s.ready) {
            firstPacket(s, t);
        }
        if (t < s.start) {
            return checkedPort(1, p);
        }
        if (t >= s.end && s.callReady) {
            callEnd(s, t);
        }
        return t < s.end ? 0 : checkedPort(1, p);
    }

    /** END_CALL for the packet at {@code t}: again while the handler keeps moving the end short of {@code t}. */
    private void callEnd(State s, long t) {
        long before;
        do {
            before = s.end;
            s.callReady = false;
            String value = endValue.replace("$t", timestamp(t));
            try {
                host().writeHandler(endHandler, value);
            } catch (HandlerException | RuntimeException e) {
                System.err.println(name() + ": END_CALL to handler '" + endHandler + "' failed: " + e.getMessage());
            }
        } while (t >= s.end && s.callReady && s.end > before);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("start", () -> timestamp(s.start), v -> {
            long t = time("start", v);
            if (!s.ready) {
                firstPacket(s, t);
            }
            s.start = t;
        });
        h.readWrite("end", () -> timestamp(s.end), v -> {
            s.end = time("end", v);
            s.callReady = endHandler != null;
        });
        h.readWrite("interval", () -> timestamp(s.end - s.start), v -> {
            s.end = s.start + time("interval", v);
            s.callReady = endHandler != null;
        });
        h.write("extend_interval", v -> {
            long more = time("extend_interval", v);
            s.end = s.end > FOREVER - more ? FOREVER : s.end + more;
            s.callReady = endHandler != null;
        });
    }

    /** A time as Click prints timestamps: seconds with nine decimals. */
    private static String timestamp(long nanos) {
        return String.format("%d.%09d", Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static long time(String handler, String value) throws HandlerException {
        return HandlerValues.parse(handler, value, a -> a.durationNanos(0));
    }
}
