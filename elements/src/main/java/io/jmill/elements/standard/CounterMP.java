package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts packets and bytes pushed by any number of threads at once.
 *
 * <pre>CounterMP()</pre>
 *
 * <p>FastClick's multi-thread Counter: passes packets unchanged, counting packets and bytes with
 * counters that several worker threads can add to at the same time without losing counts (each
 * thread adds to a cell of its own once threads contend; reading sums the cells). Counter is
 * cheaper where one thread at a time passes packets.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets passed since the last reset.</li>
 * <li>{@code byte_count} (read): bytes passed since the last reset.</li>
 * <li>{@code reset_counts}, {@code reset} (write): set the counts to zero (a packet counted
 *     during the reset may be kept).</li>
 * </ul>
 * Counter's rate handlers and COUNT_CALL are not offered.
 *
 * <p>Example:
 * <pre>a :: InfiniteSource -&gt; c :: CounterMP -&gt; Discard;  b :: InfiniteSource -&gt; c;  StaticThreadSched(a 0, b 1);</pre>
 *
 * <p>See also: Counter.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class CounterMP extends SimpleElement {
    private final State state = new State();

    private static final class State {
        final LongAdder count = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    public CounterMP(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        s.count.increment();
        s.bytes.add(p.length());
        return p;
    }

    @Override
    public void pushBatch(int port, PacketBatch batch) {
        int n = batch.size();
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += batch.get(i).length();
        }
        State s = state;
        s.count.add(n);
        s.bytes.add(bytes);
        outputBatch(0, batch);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", s.count::sum);
        h.readLong("byte_count", s.bytes::sum);
        h.write("reset_counts", v -> reset(s));
        h.write("reset", v -> reset(s));
    }

    private static void reset(State s) {
        s.count.reset();
        s.bytes.reset();
    }
}
