package io.jmill.elements.standard;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

import java.util.List;

/**
 * Measures packet count and rate.
 *
 * <pre>Counter([keywords COUNT_CALL, BYTE_COUNT_CALL, NO_RATE, BATCH_PRECISE])</pre>
 *
 * <p>Passes packets unchanged from its input to its output, counting packets and bytes.
 *
 * <p>Rates are computed when they are read, not per packet: {@code rate} and {@code byte_rate}
 * are the average over the interval between the two most recent rate samples, where a sample is
 * taken whenever a rate handler is read at least 100 ms after the previous sample (and at
 * initialization and reset). Read the rate periodically to follow it; the first read gives the
 * average since the start. Click instead keeps an exponentially weighted moving average updated
 * on every packet; JMill keeps the data path to two additions and two comparisons.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code COUNT_CALL}: {@code N HANDLER [VALUE]}. When the packet count reaches N, write
 *     VALUE (default empty) to the write handler HANDLER, a flattened {@code element.handler}
 *     name or a global handler such as {@code stop}. The call is made on the thread that counts
 *     the packet, before the packet goes on. After a reset, it is made again when the count
 *     reaches N again.</li>
 * <li>{@code BYTE_COUNT_CALL}: {@code N HANDLER [VALUE]}. Likewise, once, when the byte count
 *     reaches or passes N (again after a reset).</li>
 * <li>{@code NO_RATE}: boolean. If true, do not compute rates: {@code rate} and
 *     {@code byte_rate} are not offered. Default false.</li>
 * <li>{@code BATCH_PRECISE}: boolean, accepted for FastClick's configurations. FastClick makes the
 *     calls above at the exact packet only with it; JMill always does (a counter with a call
 *     counts a batch packet by packet).</li>
 * </ul>
 * A handler call that fails is reported on standard error and does not stop the packet.
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
    /** Packet count at which {@link #countCall} is made; -1 for none. */
    private final long countTrigger;
    private final HandlerCall countCall;
    /** Byte count from which {@link #byteCountCall} is made; {@link Long#MAX_VALUE} for none. */
    private final long byteTrigger;
    private final HandlerCall byteCountCall;
    private final State state = new State();

    /** A write-handler call: handler path and value. */
    private record HandlerCall(String path, String value) {
    }

    private static final class State {
        /** Written by the thread that runs the element. */
        long count;
        long byteCount;
        boolean byteCallMade;

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
            byteCallMade = false;
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
        var args = c.args();
        HandlerCall[] call = new HandlerCall[1];
        countTrigger = trigger(args, "COUNT_CALL", -1, call);
        countCall = call[0];
        byteTrigger = trigger(args, "BYTE_COUNT_CALL", Long.MAX_VALUE, call);
        byteCountCall = call[0];
        noRate = args.keyword("NO_RATE").bool(false);
        args.keyword("BATCH_PRECISE").bool(true); // always precise here
    }

    /** Reads {@code N HANDLER [VALUE]}: returns N (or {@code none}) and puts the call in {@code call[0]}. */
    private static long trigger(Args args, String keyword, long none, HandlerCall[] call) {
        call[0] = null;
        Arg arg = args.keyword(keyword);
        if (!arg.present()) {
            return none;
        }
        List<String> words = arg.words();
        if (words.size() < 2) {
            args.error(keyword + ": expected 'N HANDLER [VALUE]', got '" + arg.raw() + "'");
            return none;
        }
        Args count = new Args(args.elementName(), words.getFirst());
        long n = count.mandatoryPositional(keyword).longValue(none, 1, Long.MAX_VALUE);
        try {
            count.complete();
        } catch (ArgsException e) {
            e.errors().forEach(args::error);
            return none;
        }
        call[0] = new HandlerCall(words.get(1), String.join(" ", words.subList(2, words.size())));
        return n;
    }

    @Override
    public void initialize() {
        state.resetSamples();
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        long count = ++s.count;
        long bytes = s.byteCount += p.length();
        if (count == countTrigger) {
            call(countCall);
        }
        if (bytes >= byteTrigger && !s.byteCallMade) {
            s.byteCallMade = true;
            call(byteCountCall);
        }
        return p;
    }

    /** A batch is counted at once, unless a call must be made at an exact packet. */
    @Override
    public void pushBatch(int port, PacketBatch batch) {
        if (countTrigger >= 0 || byteTrigger != Long.MAX_VALUE) {
            super.pushBatch(port, batch);
            return;
        }
        int n = batch.size();
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += batch.get(i).length();
        }
        State s = state;
        s.count += n;
        s.byteCount += bytes;
        outputBatch(0, batch);
    }

    private void call(HandlerCall c) {
        try {
            host().writeHandler(c.path(), c.value());
        } catch (HandlerException | RuntimeException e) {
            System.err.println("jmill: " + name() + ": call to handler '" + c.path() + "' failed: " + e.getMessage());
        }
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
