package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/**
 * Generates a packet periodically.
 *
 * <pre>TimedSource([INTERVAL, DATA, keywords LIMIT, STOP, ACTIVE, HEADROOM])</pre>
 *
 * <p>Creates packets holding DATA and pushes one out of its single output about once every
 * INTERVAL (default 500 ms), measured on the worker clock; the first goes one INTERVAL after the
 * router starts. Each packet's timestamp annotation is set to the (wall-clock) time it was made.
 * After LIMIT packets (negative: no limit) its task reports that it is done, and with
 * {@code STOP true} it also asks the router to stop.
 *
 * <p>The default DATA is RatedSource's: a valid 60-byte Ethernet/IPv4/UDP frame (Click's is a text
 * of at least 64 bytes).
 *
 * <p>Ports: no inputs, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code INTERVAL}: time. Same as the INTERVAL argument.</li>
 * <li>{@code DATA}: data string. Same as the DATA argument.</li>
 * <li>{@code LIMIT}: integer. Most packets to send; negative means no limit. Default -1.</li>
 * <li>{@code STOP}: boolean. If true, stop the router once LIMIT packets are sent. Default
 *     false.</li>
 * <li>{@code ACTIVE}: boolean. If false, send nothing. Default true.</li>
 * <li>{@code HEADROOM}: accepted for Click's sake; every JMill packet has the pool's fixed
 *     headroom (128 bytes), so a larger value is an error.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code data} (read/write): DATA, read as a hex data string.</li>
 * <li>{@code interval} (read/write): INTERVAL in seconds.</li>
 * <li>{@code limit}, {@code active} (read/write): the settings.</li>
 * <li>{@code count} (read): packets sent. {@code drops} (read): packets not made because the
 *     packet pool was exhausted.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>TimedSource(INTERVAL 0.333) -&gt; Print(tick) -&gt; Discard;</pre>
 *
 * <p>See also: InfiniteSource, RatedSource, TimedSink.
 */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class TimedSource extends Element implements Task, TrafficSource, DropCounter {
    private final boolean stop;
    private final Period period;
    private final State state = new State();

    private static final class State {
        volatile byte[] data;
        volatile long limit;
        volatile boolean active;
        long count;
        long bytesOut;
        long drops;
    }

    public TimedSource(ElementConfig c) {
        super(c);
        var args = c.args();
        period = new Period(args.positional("INTERVAL").durationNanos(500_000_000L));
        byte[] data = args.positional("DATA").data(null);
        state.limit = Math.max(-1, args.keyword("LIMIT").longValue(-1));
        stop = args.keyword("STOP").bool(false);
        state.active = args.keyword("ACTIVE").bool(true);
        args.keyword("HEADROOM").integer(PacketPool.HEADROOM, 0, PacketPool.HEADROOM);
        if (data == null) {
            data = RatedSource.defaultFrame();
        } else if (data.length > PacketPool.DATA_SIZE) {
            args.error("DATA: " + data.length + " bytes do not fit in a packet (at most " + PacketPool.DATA_SIZE + ")");
            data = new byte[0];
        }
        state.data = data;
    }

    /** For tests: the period, to substitute its clock. */
    Period period() {
        return period;
    }

    @Override
    public int runTask() {
        State s = state;
        long limit = s.limit;
        if (limit >= 0 && s.count >= limit) {
            if (stop) {
                host().stop(name() + ": LIMIT reached (" + limit + " packets)");
            }
            return DONE;
        }
        if (!s.active || !period.due(false)) {
            return 0;
        }
        byte[] data = s.data;
        Packet p = SourceData.make(data, WorkerClock.wallNanos());
        if (p == null) {
            s.drops++;
            return 0;
        }
        s.count++;
        s.bytesOut += data.length;
        output(0, p);
        return 1;
    }

    @Override
    public long packetsOut() {
        return state.count;
    }

    @Override
    public long bytesOut() {
        return state.bytesOut;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        Period t = period;
        h.readWrite("data", () -> HandlerValues.unparseData(s.data), v -> {
            byte[] data = HandlerValues.parse("data", v, a -> a.data(new byte[0]));
            SourceData.checkFits(data, -1);
            s.data = data;
        });
        h.readWrite("interval", () -> HandlerValues.seconds(t.intervalNanos()),
                v -> t.setIntervalNanos(HandlerValues.parse("interval", v, a -> a.durationNanos(0))));
        h.readWrite("limit", () -> Long.toString(s.limit), v -> s.limit = Math.max(-1, HandlerValues.longValue("limit", v)));
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.readLong("count", () -> s.count);
        h.readLong("drops", () -> s.drops);
    }
}
