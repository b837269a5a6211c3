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
 * Drops all packets.
 *
 * <pre>Discard([keywords ACTIVE, BURST])</pre>
 *
 * <p>Discards every packet received on its single input. When its input is pull, it is a task
 * that pulls up to BURST packets each time it runs and frees them; when its input is push, it
 * frees what is pushed to it (and its task has nothing to do).
 *
 * <p>Ports: one input, agnostic; no outputs.
 *
 * <p>Keyword arguments (they matter only when the input is pull):
 * <ul>
 * <li>{@code ACTIVE}: boolean. If false, do not pull. Default true.</li>
 * <li>{@code BURST}: integer, at least 1. Most packets pulled per run. Default: the router's batch
 *     size (32 unless the router was built with another).</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets discarded.</li>
 * <li>{@code reset_counts}, {@code reset} (write): set {@code count} to 0.</li>
 * <li>{@code active} (read/write): the ACTIVE setting.</li>
 * <li>{@code scheduled} (read): whether the pulling task would run now, as Click's task would be
 *     scheduled: the input is pull, ACTIVE is true and the empty signal of the queues upstream is
 *     active (see NotifierDebug).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDump(in.pcap) -&gt; Queue -&gt; Discard;</pre>
 */
@ElementInfo(ports = "1/0", processing = "a/a")
public final class Discard extends Element implements Task {
    private final int burst;
    private final State state = new State();

    private static final class State {
        long count;
        volatile boolean active;
        /** Pulled: the empty signal of the queues upstream (set at initialization). */
        NotifierSignal upstream = NotifierSignal.BUSY;
    }

    @Override
    public void initialize() {
        if (!inputIsPush(0)) {
            state.upstream = NotifierSignals.of(host()).upstreamEmpty(this, 0);
        }
    }

    public Discard(ElementConfig c) {
        super(c);
        state.active = c.args().keyword("ACTIVE").bool(true);
        burst = c.args().keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
    }

    @Override
    public void push(int port, Packet p) {
        state.count++;
        p.kill();
    }

    @Override
    public void pushBatch(int port, PacketBatch batch) {
        state.count += batch.size();
        batch.killAll();
    }

    @Override
    public int runTask() {
        if (inputIsPush(0)) {
            return DONE;
        }
        State s = state;
        if (!s.active) {
            return 0;
        }
        int n = 0;
        Packet p;
        while (n < burst && (p = input(0)) != null) {
            p.kill();
            n++;
        }
        s.count += n;
        return n;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.write("reset_counts", v -> s.count = 0);
        h.write("reset", v -> s.count = 0);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.read("scheduled", () -> Boolean.toString(!inputIsPush(0) && s.active && s.upstream.active()));
    }
}
