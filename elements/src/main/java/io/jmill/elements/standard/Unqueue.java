package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

/**
 * Pull-to-push converter.
 *
 * <pre>Unqueue([BURST, keywords ACTIVE, LIMIT])</pre>
 *
 * <p>A task that pulls packets whenever they are available and pushes them out of its single
 * output: up to BURST packets each time it runs, pulled first and then pushed on together as a
 * batch (as FastClick does). A negative BURST means: pull until nothing comes back. The default BURST is the router's batch size (32 unless the router was built with
 * another), where Click's is 1. After LIMIT packets in all (negative: no limit) it stops pulling,
 * until {@code reset} or a larger {@code limit}.
 *
 * <p>Ports: one pull input, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code BURST}: integer. Same as the BURST argument.</li>
 * <li>{@code ACTIVE}: boolean. If false, do nothing. Default true.</li>
 * <li>{@code LIMIT}: integer. Most packets to move in all; negative means no limit. Default
 *     -1.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets moved since the last reset.</li>
 * <li>{@code reset}, {@code reset_counts} (write): set {@code count} to 0.</li>
 * <li>{@code active}, {@code burst}, {@code limit} (read/write): the ACTIVE, BURST and LIMIT
 *     settings.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; Queue -&gt; Unqueue(64) -&gt; ToDevice(eth0);</pre>
 */
@ElementInfo(ports = "1/1", processing = "l/h")
public final class Unqueue extends Element implements Task {
    private final State state = new State();
    /** What one run pulled, handed on in batches of at most its capacity (FastClick's pull-then-push). */
    private final PacketBatch batch;

    private static final class State {
        volatile boolean active;
        volatile int burst;
        volatile long limit;
        /** Written by the thread that runs the task. */
        long count;
    }

    public Unqueue(ElementConfig c) {
        super(c);
        var args = c.args();
        state.burst = burstOf(args.positional("BURST").integer(c.batch()));
        state.active = args.keyword("ACTIVE").bool(true);
        state.limit = limitOf(args.keyword("LIMIT").longValue(-1));
        batch = new PacketBatch(Math.max(c.batch(), Math.min(state.burst, 256)));
    }

    private static int burstOf(int burst) {
        return burst < 0 ? Integer.MAX_VALUE : burst;
    }

    private static long limitOf(long limit) {
        return limit < 0 ? -1 : limit;
    }

    @Override
    public int runTask() {
        State s = state;
        if (!s.active) {
            return 0;
        }
        int n = s.burst;
        long limit = s.limit;
        if (limit >= 0) {
            long left = limit - s.count;
            if (left <= 0) {
                return 0;
            }
            if (left < n) {
                n = (int) left;
            }
        }
        PacketBatch b = batch;
        b.clear(); // empty unless an exception cut the last run short
        int moved = 0;
        Packet p;
        while (moved < n && (p = input(0)) != null) {
            moved++;
            s.count++;
            if (!BATCHES) {
                output(0, p);
                continue;
            }
            b.add(p);
            if (b.isFull()) {
                outputBatch(0, b);
                b.clear();
            }
        }
        if (!b.isEmpty()) {
            outputBatch(0, b);
            b.clear();
        }
        return moved;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.write("reset", v -> s.count = 0);
        h.write("reset_counts", v -> s.count = 0);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.readWrite("burst", () -> Integer.toString(s.burst == Integer.MAX_VALUE ? -1 : s.burst),
                v -> s.burst = burstOf(HandlerValues.integer("burst", v, Integer.MIN_VALUE, Integer.MAX_VALUE)));
        h.readWrite("limit", () -> Long.toString(s.limit),
                v -> s.limit = limitOf(HandlerValues.longValue("limit", v, Long.MIN_VALUE, Long.MAX_VALUE)));
    }
}
