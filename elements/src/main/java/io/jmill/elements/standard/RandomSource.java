package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.SplittableRandom;

/**
 * Generates packets of random data.
 *
 * <pre>RandomSource(LENGTH [, keywords LIMIT, BURST, ACTIVE, STOP, SEED])</pre>
 *
 * <p>Creates packets of LENGTH random bytes. Pushed, it is a task that sends up to BURST packets
 * each time it runs; pulled, it returns a new packet on every pull. After LIMIT packets (negative:
 * no limit) it sends no more, its task reports that it is done, and with {@code STOP true} it asks
 * the router to stop.
 *
 * <p>Ports: no inputs, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code LENGTH}: integer, 0 to 2048. Same as the LENGTH argument.</li>
 * <li>{@code LIMIT}: integer. Most packets to send; negative means no limit. Default -1.</li>
 * <li>{@code BURST}: integer. Packets per task run. Default the router's batch size.</li>
 * <li>{@code ACTIVE}: boolean. If false, send nothing. Default true.</li>
 * <li>{@code STOP}: boolean. If true, stop the router once LIMIT packets are sent. Default
 *     false.</li>
 * <li>{@code SEED}: integer. Seeds the random generator, for runs that repeat (JMill's
 *     addition).</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets sent. {@code drops} (read): packets not made because the pool
 *     was exhausted.</li>
 * <li>{@code limit}, {@code active} (read/write): the settings.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>RandomSource(64, LIMIT 1000, STOP true) -&gt; Counter -&gt; Discard;</pre>
 *
 * <p>See also: InfiniteSource, RandomSample.
 */
@ElementInfo(ports = "0/1", processing = "a/a")
public final class RandomSource extends Element implements Task, TrafficSource, DropCounter {
    private final int length;
    private final int burst;
    private final boolean stop;
    private final State state;

    private static final class State {
        final SplittableRandom random;
        volatile long limit;
        volatile boolean active;
        long count;
        long drops;

        State(SplittableRandom random) {
            this.random = random;
        }
    }

    public RandomSource(ElementConfig c) {
        super(c);
        var args = c.args();
        length = args.mandatoryPositional("LENGTH").integer(0, 0, PacketPool.DATA_SIZE);
        burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
        stop = args.keyword("STOP").bool(false);
        state = new State(new SplittableRandom(args.keyword("SEED").longValue(System.nanoTime())));
        state.limit = Math.max(-1, args.keyword("LIMIT").longValue(-1));
        state.active = args.keyword("ACTIVE").bool(true);
    }

    /** A new packet of random data, or null (counted) if the pool is exhausted. */
    private Packet make() {
        State s = state;
        Packet p = PacketPool.alloc();
        if (p == null) {
            s.drops++;
            return null;
        }
        p.setLength(length);
        SplittableRandom r = s.random;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            p.setU64(i, r.nextLong());
        }
        for (; i < length; i++) {
            p.setU8(i, r.nextInt(256));
        }
        s.count++;
        return p;
    }

    @Override
    public int runTask() {
        if (!outputIsPush(0)) {
            return DONE;
        }
        State s = state;
        long limit = s.limit;
        int n = burst;
        if (limit >= 0) {
            long left = limit - s.count;
            if (left <= 0) {
                if (stop) {
                    host().stop(name() + ": LIMIT reached (" + limit + " packets)");
                }
                return DONE;
            }
            n = (int) Math.min(n, left);
        }
        if (!s.active) {
            return 0;
        }
        int sent = 0;
        while (sent < n) {
            Packet p = make();
            if (p == null) {
                break;
            }
            sent++;
            output(0, p);
        }
        return sent;
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        if (!s.active || (s.limit >= 0 && s.count >= s.limit)) {
            return null;
        }
        return make();
    }

    @Override
    public long packetsOut() {
        return state.count;
    }

    @Override
    public long bytesOut() {
        return state.count * length;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readLong("drops", () -> s.drops);
        h.readWrite("limit", () -> Long.toString(s.limit), v -> s.limit = Math.max(-1, HandlerValues.longValue("limit", v)));
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
    }
}
