package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drops all packets without freeing them while the router runs.
 *
 * <pre>DiscardNoFree</pre>
 *
 * <p>Takes every packet received on its single input out of the traffic without returning its
 * buffer to the packet pool, as Click's does not free them: only useful for benchmarking, to leave
 * the cost of freeing out of a measurement. When its input is pull, it is a task that pulls one
 * packet each time it runs.
 *
 * <p>In JMill every buffer comes from one fixed pool, so a packet that is never freed is lost to
 * it for the rest of the process. DiscardNoFree therefore keeps the packets it takes, and frees
 * them when the router stops: while the router runs they are out of the pool (the {@code held}
 * handler says how many, and the router prints a warning when it initializes), and once the pool
 * is empty sources get no more buffers (the pool counts those allocation failures). Use
 * {@code Discard} for anything but a short measurement.
 *
 * <p>Ports: one input, agnostic; no outputs.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets received.</li>
 * <li>{@code held} (read): packets held out of the pool now (all of them until the router
 *     stops).</li>
 * </ul>
 *
 * <p>Example, the cost of a graph without the cost of freeing, for a run of 100000 packets:
 * <pre>InfiniteSource(LIMIT 100000, STOP true) -&gt; CheckIPHeader(14) -&gt; DiscardNoFree;</pre>
 *
 * <p>See also: Discard.
 */
@ElementInfo(ports = "1/0", processing = "a/a")
public final class DiscardNoFree extends Element implements Task {
    private final State state = new State();

    private static final class State {
        /** Room for every buffer of the pool, which is the most that can ever be held. */
        Packet[] held;
        /** Packets received, and the next free index of {@code held}; several threads may push. */
        final AtomicInteger count = new AtomicInteger();
    }

    public DiscardNoFree(ElementConfig c) {
        super(c);
    }

    @Override
    public void initialize() {
        state.held = new Packet[PacketPool.capacity()];
        System.err.println("jmill: " + name() + ": DiscardNoFree keeps the packets it receives out of the pool"
                + " until the router stops (" + PacketPool.capacity() + " buffers in all)");
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        s.held[s.count.getAndIncrement()] = p;
    }

    @Override
    public int runTask() {
        if (inputIsPush(0)) {
            return DONE;
        }
        Packet p = input(0);
        if (p == null) {
            return 0;
        }
        push(0, p);
        return 1;
    }

    /** Runs after the workers have stopped: every packet taken is returned to the pool now. */
    @Override
    public void cleanup() {
        State s = state;
        if (s.held == null) {
            return;
        }
        for (int i = 0; i < s.held.length && s.held[i] != null; i++) {
            s.held[i].kill();
            s.held[i] = null;
        }
        s.held = null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", s.count::get);
        h.readLong("held", () -> s.held == null ? 0 : s.count.get());
    }
}
