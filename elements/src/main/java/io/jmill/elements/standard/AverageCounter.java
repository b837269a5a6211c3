package io.jmill.elements.standard;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

import java.util.function.LongSupplier;

/**
 * Measures historical packet count and rate.
 *
 * <pre>AverageCounter([IGNORE])</pre>
 *
 * <p>Passes packets unchanged from its input to its output, counting packets and bytes and
 * noting when the first and the most recent packet arrived. The rates are strict averages over
 * the time between the first and the most recent packet, not moving averages.
 *
 * <p>Packets that arrive within IGNORE of the first packet are passed on but not counted, and the
 * time they span is left out of {@code time} and the rates, so that a warm-up period can be
 * excluded.
 *
 * <p>Times come from the worker's clock (Click's jiffies idea, see the user guide's "Time on the
 * data path"): nanoseconds read once per batch, so packets of one batch share an arrival time and
 * {@code time} is exact to within one batch's processing time (microseconds). Where Click never
 * lets the time be less than one jiffy, AverageCounter reports a {@code time} of 0 and rates of 0
 * until counted packets span a measurable time.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code IGNORE}: duration, a bare number being seconds ({@code 2}, {@code 500ms}). Default
 *     0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets counted since the last reset.</li>
 * <li>{@code byte_count} (read): bytes counted since the last reset.</li>
 * <li>{@code bit_count} (read): {@code byte_count} times 8.</li>
 * <li>{@code time} (read): seconds between the first and the most recent packet, less IGNORE.</li>
 * <li>{@code rate} (read): {@code count} divided by {@code time}, in packets per second.</li>
 * <li>{@code byte_rate}, {@code bit_rate} (read): likewise, in bytes and bits per second.</li>
 * <li>{@code reset}, {@code reset_now} (write): forget all packets seen; the next packet is the
 *     first.</li>
 * </ul>
 * FastClick's {@code LINK_FCS}, {@code MAX} and {@code THRESHOLD} and its {@code link_*} handlers
 * are not supported.
 *
 * <p>Example:
 * <pre>src -&gt; ac :: AverageCounter(IGNORE 1) -&gt; Discard;   // then read ac.rate</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class AverageCounter extends SimpleElement {
    private final long ignoreNanos;
    private final State state = new State();

    /** Written by the thread that runs the element; read by handlers without locking. */
    static final class State {
        long count;
        long byteCount;
        boolean started;
        long first;
        long last;
        /** Monotonic nanoseconds; tests substitute their own. */
        LongSupplier clock = WorkerClock::nanos;

        void reset() {
            count = 0;
            byteCount = 0;
            started = false;
            first = 0;
            last = 0;
        }
    }

    public AverageCounter(ElementConfig c) {
        super(c);
        ignoreNanos = c.args().positional("IGNORE").durationNanos(0);
    }

    /** For tests: the state, to substitute the clock. */
    State state() {
        return state;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        long now = s.clock.getAsLong();
        if (!s.started) {
            s.started = true;
            s.first = now;
        }
        if (now - s.first >= ignoreNanos) {
            s.count++;
            s.byteCount += p.length();
        }
        s.last = now;
        return p;
    }

    /** A batch is counted at once: its packets arrive at the same time on the worker's clock. */
    @Override
    public void pushBatch(int port, PacketBatch batch) {
        State s = state;
        long now = s.clock.getAsLong();
        if (!s.started) {
            s.started = true;
            s.first = now;
        }
        int n = batch.size();
        if (now - s.first >= ignoreNanos) {
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                bytes += batch.get(i).length();
            }
            s.count += n;
            s.byteCount += bytes;
        }
        s.last = now;
        outputBatch(0, batch);
    }

    /** Nanoseconds the counted packets span (0 before two distinct arrival times). */
    private long spanNanos() {
        State s = state;
        return s.started ? Math.max(0, s.last - s.first - ignoreNanos) : 0;
    }

    private String rate(long amount) {
        long span = spanNanos();
        return span == 0 ? "0" : HandlerValues.number(amount * 1e9 / span);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readLong("byte_count", () -> s.byteCount);
        h.readLong("bit_count", () -> s.byteCount * 8);
        h.read("time", () -> HandlerValues.seconds(spanNanos()));
        h.read("rate", () -> rate(s.count));
        h.read("byte_rate", () -> rate(s.byteCount));
        h.read("bit_rate", () -> rate(s.byteCount * 8));
        h.write("reset", v -> s.reset());
        h.write("reset_now", v -> s.reset());
    }
}
