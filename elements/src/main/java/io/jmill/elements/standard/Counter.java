package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Measures packet count and rate.
 *
 * <pre>Counter([keywords NO_RATE])</pre>
 *
 * <p>Passes packets unchanged from its input to its output, counting packets and bytes.
 *
 * <p>Rates are computed when they are read, not per packet: {@code rate} and {@code byte_rate}
 * are the average over the interval between the two most recent rate samples, where a sample is
 * taken whenever a rate handler is read at least 100 ms after the previous sample (and at
 * initialization and reset). Read the rate periodically to follow it; the first read gives the
 * average since the start. Click instead keeps an exponentially weighted moving average updated
 * on every packet; JMill keeps the data path to two additions.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code NO_RATE}: boolean. If true, do not compute rates: {@code rate} and
 *     {@code byte_rate} are not offered. Default false.</li>
 * </ul>
 * Click's {@code COUNT_CALL} and {@code BYTE_COUNT_CALL} are not supported.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets passed since the last reset.</li>
 * <li>{@code byte_count} (read): bytes passed since the last reset.</li>
 * <li>{@code rate} (read): packets per second, as described above, with three decimals.</li>
 * <li>{@code byte_rate} (read): bytes per second, likewise.</li>
 * <li>{@code reset_counts}, {@code reset} (write): set counts and rates to zero.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; c :: Counter -&gt; ...   // then read c.count, c.rate</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Counter extends SimpleElement {
    /** Rate samples closer together than this reuse the previous result. */
    static final long MIN_SAMPLE_NANOS = 100_000_000L;

    private final boolean noRate;
    private final State state = new State();

    private static final class State {
        /** Written by the thread that runs the element. */
        long count;
        long byteCount;

        // Rate samples, touched only by handlers (under the state's lock).
        long prevNanos;
        long prevCount;
        long prevBytes;
        long lastNanos;
        long lastCount;
        long lastBytes;

        synchronized void resetSamples() {
            long now = System.nanoTime();
            prevNanos = lastNanos = now;
            prevCount = lastCount = count;
            prevBytes = lastBytes = byteCount;
        }

        synchronized void reset() {
            count = 0;
            byteCount = 0;
            resetSamples();
        }

        /** Packets (or bytes) per second between the two latest samples, taking a new one if due. */
        synchronized double rate(boolean bytes) {
            long now = System.nanoTime();
            if (now - lastNanos >= MIN_SAMPLE_NANOS) {
                prevNanos = lastNanos;
                prevCount = lastCount;
                prevBytes = lastBytes;
                lastNanos = now;
                lastCount = count;
                lastBytes = byteCount;
            }
            long dt = lastNanos - prevNanos;
            if (dt <= 0) {
                // Fewer than MIN_SAMPLE_NANOS since the start or a reset: average so far.
                dt = now - prevNanos;
                long d = bytes ? byteCount - prevBytes : count - prevCount;
                return dt <= 0 ? 0 : d * 1e9 / dt;
            }
            long d = bytes ? lastBytes - prevBytes : lastCount - prevCount;
            return d * 1e9 / dt;
        }
    }

    public Counter(ElementConfig c) {
        super(c);
        noRate = c.args().keyword("NO_RATE").bool(false);
    }

    @Override
    public void initialize() {
        state.resetSamples();
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        s.count++;
        s.byteCount += p.length();
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readLong("byte_count", () -> s.byteCount);
        if (!noRate) {
            h.read("rate", () -> formatRate(s.rate(false)));
            h.read("byte_rate", () -> formatRate(s.rate(true)));
        }
        h.write("reset_counts", v -> s.reset());
        h.write("reset", v -> s.reset());
    }

    private static String formatRate(double r) {
        return String.format(java.util.Locale.ROOT, "%.3f", r);
    }
}
