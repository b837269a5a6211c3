package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;

import java.util.Arrays;

/**
 * Measures each packet's delay since RecordTimestamp saw it.
 *
 * <pre>TimestampDiff(RECORDER [, keywords OFFSET, N, MAXDELAY, NANO, SAMPLE, VERBOSE, TC_OFFSET, TC_MASK])</pre>
 *
 * <p>Reads the packet's number (written by NumberPacket at OFFSET), takes the time RECORDER (a
 * RecordTimestamp element) recorded for that number, and keeps the difference with the current
 * monotonic time, in microseconds (nanoseconds with NANO), for the statistics handlers below.
 * Such packets go out of output 0. A packet whose number has no recorded time (never recorded, or
 * already measured) goes out of output 1, or is dropped if there is none. A delay of MAXDELAY
 * milliseconds or more is not kept (reported on standard error with VERBOSE).
 *
 * <p>The delays are kept in a table of N entries when N is set (delays beyond it are not kept),
 * else in one that grows as needed.
 *
 * <p>Ports: one push input; one or two push outputs.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code RECORDER}: the RecordTimestamp element. Mandatory.</li>
 * <li>{@code OFFSET}: integer. Where the packet number is. Default 40.</li>
 * <li>{@code N}: integer. Delays kept at most; 0 for no bound. Default 0.</li>
 * <li>{@code MAXDELAY}: integer, milliseconds. Default 1000.</li>
 * <li>{@code NANO}: boolean. Delays in nanoseconds rather than microseconds. Default false.</li>
 * <li>{@code SAMPLE}: integer. Measure only numbers that are multiples of SAMPLE. Default 1.</li>
 * <li>{@code VERBOSE}: boolean. Report delays over MAXDELAY. Default false.</li>
 * <li>{@code TC_OFFSET}, {@code TC_MASK}: integers. If TC_OFFSET is not negative, each delay is
 *     tagged with the byte at TC_OFFSET masked by TC_MASK (default 0xff), a traffic class that
 *     {@code avg_tc} selects on. Default -1.</li>
 * </ul>
 *
 * <p>Handlers (read); those marked * take an optional parameter BEGIN, the first delay to
 * consider (earlier ones are left out):
 * <ul>
 * <li>{@code average}, {@code avg}*, {@code min}*, {@code max}*, {@code stddev}: of the delays kept.</li>
 * <li>{@code avg_tc TC [BEGIN]}: the average of the delays tagged with traffic class TC (of all
 *     delays without TC).</li>
 * <li>{@code perc00}*, {@code perc01}*, {@code perc05}*, {@code perc10}*, {@code perc25}*,
 *     {@code median}*, {@code perc75}*, {@code perc90}*, {@code perc95}*, {@code perc99}*,
 *     {@code perc100}*: percentiles ({@code perc00} is the minimum, {@code perc100} the maximum).</li>
 * <li>{@code perc P [BEGIN]}: the P-th percentile.</li>
 * <li>{@code index}: the number of delays kept, minus one. {@code last}: the last delay kept.</li>
 * <li>{@code dump}: one line {@code I: DELAY} per delay kept; {@code dump_list}: one delay per line.</li>
 * </ul>
 * All are 0 when no delay was kept.
 *
 * <p>Example:
 * <pre>src -&gt; NumberPacket -&gt; r :: RecordTimestamp -&gt; link -&gt; d :: TimestampDiff(r) -&gt; Discard;
 * DriverManager(wait, read d.average, read d.perc99);</pre>
 *
 * <p>See also: RecordTimestamp, NumberPacket.
 */
@ElementInfo(ports = "1/1-2", processing = "h/h")
public final class TimestampDiff extends ClassifyingElement {
    private final String recorderName;
    private final int offset;
    private final int limit;
    private final long maxDelay;
    private final boolean nano;
    private final int sample;
    private final boolean verbose;
    private final int tcOffset;
    private final int tcMask;
    private final State state;

    private static final class State {
        RecordTimestamp recorder;
        /** Delays kept, and their traffic classes; grown when N is 0. */
        int[] delays;
        byte[] classes;
        int n;
    }

    public TimestampDiff(ElementConfig c) {
        super(c);
        Args args = c.args();
        recorderName = args.mandatoryPositional("RECORDER").string("");
        offset = args.keyword("OFFSET").integer(NumberPacket.DEFAULT_OFFSET, 0, 1 << 16);
        limit = args.keyword("N").integer(0, 0, 1 << 28);
        long maxMillis = args.keyword("MAXDELAY").longValue(1000, 0, Integer.MAX_VALUE);
        nano = args.keyword("NANO").bool(false);
        maxDelay = maxMillis * (nano ? 1_000_000 : 1000);
        sample = Math.max(1, args.keyword("SAMPLE").integer(1, 0, Integer.MAX_VALUE));
        verbose = args.keyword("VERBOSE").bool(false);
        tcOffset = args.keyword("TC_OFFSET").integer(-1, -1, 1 << 16);
        tcMask = args.keyword("TC_MASK").integer(0xff, 0, 0xff);
        state = new State();
        int size = limit > 0 ? limit : 1024;
        state.delays = new int[size];
        state.classes = new byte[size];
    }

    @Override
    public void initialize() {
        Element e = findElement(recorderName);
        if (!(e instanceof RecordTimestamp r)) {
            throw new IllegalArgumentException("RECORDER must be a RecordTimestamp element"
                    + (e == null ? " (no element '" + recorderName + "')" : ", not a " + e.className()));
        }
        state.recorder = r;
    }

    @Override
    protected int classify(int port, Packet p) {
        long now = WorkerClock.nanos();
        State s = state;
        if (p.length() < offset + 8) {
            return checkedPort(1, p);
        }
        long number = NumberPacket.read(p, offset, s.recorder.netOrder());
        if (sample > 1 && Long.remainderUnsigned(number, sample) != 0) {
            return 0;
        }
        long then = s.recorder.take(number);
        if (then == RecordTimestamp.NONE) {
            return checkedPort(1, p);
        }
        long delay = nano ? now - then : (now - then) / 1000;
        if (delay >= maxDelay && delay > 0) {
            if (verbose) {
                System.err.println(name() + ": packet " + Long.toUnsignedString(number) + " experienced delay "
                        + (delay / (nano ? 1_000_000 : 1000)) + " ms > " + (maxDelay / (nano ? 1_000_000 : 1000)) + " ms");
            }
            return 0;
        }
        if (s.n == s.delays.length) {
            if (limit > 0) {
                return 0;
            }
            s.delays = Arrays.copyOf(s.delays, 2 * s.n);
            s.classes = Arrays.copyOf(s.classes, 2 * s.n);
        }
        s.delays[s.n] = (int) Math.max(0, delay);
        s.classes[s.n] = (byte) (tcOffset >= 0 && tcOffset < p.length() ? p.u8(tcOffset) & tcMask : 0);
        s.n++;
        return 0;
    }

    // ------------------------------------------------------------------ statistics

    /** Delays BEGIN.. of class {@code tc} (any when negative), sorted. */
    private long[] sorted(int begin, int tc) {
        State s = state;
        int n = s.n;
        long[] v = new long[Math.max(0, n - begin)];
        int k = 0;
        for (int i = begin; i < n; i++) {
            if (tc < 0 || (s.classes[i] & 0xFF) == tc) {
                v[k++] = Integer.toUnsignedLong(s.delays[i]);
            }
        }
        v = Arrays.copyOf(v, k);
        Arrays.sort(v);
        return v;
    }

    private static double average(long[] v) {
        double sum = 0;
        for (long x : v) {
            sum += x;
        }
        return v.length == 0 ? 0 : sum / v.length;
    }

    /** FastClick's percentile: the element at index P% of the count (the minimum at 0, the maximum at 100). */
    private static long percentile(long[] v, double percent) {
        if (v.length == 0) {
            return 0;
        }
        int idx = (int) Math.min(v.length - 1, Math.max(0, Math.floor(percent * v.length / 100)));
        return v[idx];
    }

    private static int begin(String params) throws HandlerException {
        String p = params.trim();
        return p.isEmpty() ? 0 : HandlerValues.integer("begin", p, 0, Integer.MAX_VALUE);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        for (String name : new String[] {"average", "avg"}) {
            h.readParams(name, params -> HandlerValues.number(average(sorted(begin(params), -1))));
        }
        h.readParams("avg_tc", params -> {
            String[] w = params.trim().split("\\s+", 2);
            int tc = w[0].isEmpty() ? -1 : HandlerValues.integer("avg_tc", w[0], 0, 255);
            return HandlerValues.number(average(sorted(begin(w.length > 1 ? w[1] : ""), tc)));
        });
        h.readParams("min", params -> Long.toString(percentile(sorted(begin(params), -1), 0)));
        h.readParams("max", params -> Long.toString(percentile(sorted(begin(params), -1), 100)));
        h.read("stddev", () -> {
            long[] v = sorted(0, -1);
            double mean = average(v);
            double var = 0;
            for (long x : v) {
                var += (x - mean) * (x - mean);
            }
            return HandlerValues.number(v.length == 0 ? 0 : Math.sqrt(var / v.length));
        });
        String[] names = {"perc00", "perc01", "perc05", "perc10", "perc25", "median", "perc75", "perc90", "perc95",
            "perc99", "perc100"};
        int[] percents = {0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100};
        for (int i = 0; i < names.length; i++) {
            int percent = percents[i];
            h.readParams(names[i], params -> Long.toString(percentile(sorted(begin(params), -1), percent)));
        }
        h.readParams("perc", params -> {
            String[] w = params.trim().split("\\s+", 2);
            double percent = w[0].isEmpty() ? 0 : HandlerValues.parse("perc", w[0], a -> a.real(0));
            return Long.toString(percentile(sorted(begin(w.length > 1 ? w[1] : ""), -1), percent));
        });
        h.read("index", () -> Integer.toString(s.n - 1));
        h.read("last", () -> s.n == 0 ? "0" : Integer.toUnsignedString(s.delays[s.n - 1]));
        h.read("dump", () -> dump(true));
        h.read("dump_list", () -> dump(false));
    }

    private String dump(boolean numbered) {
        State s = state;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.n; i++) {
            if (numbered) {
                sb.append(i).append(": ");
            }
            sb.append(Integer.toUnsignedString(s.delays[i])).append('\n');
        }
        return sb.toString();
    }
}
