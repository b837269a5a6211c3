package io.jmill.elements.standard;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.function.LongSupplier;

/**
 * Generates packets at a specified rate.
 *
 * <pre>RatedSource([DATA, RATE, LIMIT, ACTIVE, keywords LENGTH, STOP, BANDWIDTH])</pre>
 *
 * <p>Creates packets holding DATA and emits them out of its single output at RATE packets per
 * second, at most LIMIT of them in all (a negative LIMIT means no limit), while ACTIVE is true.
 * Each packet's timestamp annotation is set to the (wall-clock) time it was made. Once LIMIT
 * packets have gone out, its task reports that it is done, and with {@code STOP true} it also asks
 * the router to stop.
 *
 * <p>The rate is enforced by a token bucket on the monotonic clock, as in Click: tokens accrue at
 * RATE per second up to a burst of {@code max(2, RATE/100)} (10 ms worth), the bucket starts with
 * one token, and each packet takes one. The source never waits: when it is scheduled with no token
 * available it sends nothing and lets its worker idle. Where Click sends at most one packet per
 * scheduling, RatedSource sends as many as it has tokens for, up to the router's batch size;
 * the long-run rate is the same.
 *
 * <p>The default DATA is a valid 60-byte Ethernet frame: 02:00:00:00:00:01 &gt;
 * 02:00:00:00:00:02, IPv4 10.0.0.1 &gt; 10.0.0.2 (TTL 64, correct header checksum), UDP port
 * 1234 &gt; 5678 (correct checksum) with 18 zero bytes of payload. (Click's default is a 69-byte
 * text that is not a valid frame.)
 *
 * <p>When the packet pool is exhausted, the packets that could not be made are counted in
 * {@code drops} (their tokens are spent), and the source tries again at its next run.
 *
 * <p>Ports: no inputs, one output, agnostic. Pushed, it is a task as described above. Pulled, it
 * returns a packet when a token is available, or nothing.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code DATA}: data string (e.g. {@code \<0800>}). Same as the DATA argument.</li>
 * <li>{@code RATE}: packets per second, a non-negative number with an optional SI suffix
 *     ({@code 10k}, {@code 2.5Mpps}). Same as the RATE argument. Default 10. 0 sends nothing.</li>
 * <li>{@code LIMIT}: integer. Same as the LIMIT argument. Default -1 (no limit).</li>
 * <li>{@code ACTIVE}: boolean. Same as the ACTIVE argument. Default true.</li>
 * <li>{@code LENGTH}: integer. If set, packets have exactly this length: DATA is cut, or repeated
 *     until it fills the length. {@code DATASIZE} is a deprecated synonym.</li>
 * <li>{@code STOP}: boolean. If true, stop the router once LIMIT packets are sent. Default
 *     false.</li>
 * <li>{@code BANDWIDTH}: bandwidth ({@code 10Mbps}, {@code 1MB/s}). If set and not zero, RATE is
 *     the bandwidth divided by the packet length, as in Click.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets generated since the last reset.</li>
 * <li>{@code reset} (write): sets {@code count} to 0 and refills the bucket with one token, so that
 *     another LIMIT packets may be sent. A running router does not reschedule a source whose task
 *     has reported that it is done, so this revives a finished source only when the element is
 *     driven by hand.</li>
 * <li>{@code rate} (read/write): the RATE setting, in the RATE argument's syntax.</li>
 * <li>{@code limit}, {@code active}, {@code length} (read/write): the LIMIT, ACTIVE and LENGTH
 *     settings ({@code length} is -1 when unset); {@code datasize} is a deprecated synonym of
 *     {@code length}.</li>
 * <li>{@code data} (read/write): DATA, read as a Click hex data string such as {@code \<08 00>};
 *     written in the DATA argument's syntax.</li>
 * <li>{@code drops} (read): packets not generated because the packet pool was exhausted.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>RatedSource(RATE 1000, LIMIT 5000, STOP true) -&gt; c :: AverageCounter -&gt; Discard;</pre>
 */
@ElementInfo(ports = "0/1", processing = "a/a")
public final class RatedSource extends Element implements Task, TrafficSource, DropCounter {
    private final boolean stop;
    private final int burst;
    private final State state;

    /** The rate and its bucket size, replaced whole when the {@code rate} handler is written. */
    private record Rate(double perSecond, double capacity) {
        static Rate of(double perSecond) {
            // Click's bucket: 10 ms worth of tokens, at least 2.
            return new Rate(perSecond, Math.max(2, perSecond / 100));
        }
    }

    /** Run-time state: settings the handlers change, the token bucket, counters. */
    static final class State {
        volatile byte[] data;
        volatile int length;
        /** What each packet holds: DATA fitted to LENGTH; replaced whole when either changes. */
        volatile byte[] template;
        volatile Rate rate;
        volatile long limit;
        volatile boolean active;
        /** Set by the reset and active handlers; the sending thread then restarts the bucket. */
        volatile boolean restartBucket = true;

        // Token bucket, touched only by the thread that sends.
        double tokens;
        long lastRefill;

        /** Since the last reset; written by the thread that sends. */
        long count;
        long packetsOut;
        long bytesOut;
        long drops;

        /** Monotonic nanoseconds; tests substitute their own. */
        LongSupplier clock = WorkerClock::nanos;
        /** Added to the clock to give wall-clock nanoseconds. */
        long wallClockOffset = WorkerClock.toWallNanos(0);

        void setData(byte[] data, int length) {
            this.data = data;
            this.length = length;
            this.template = SourceData.fit(data, length);
        }

        /** Refills the bucket up to {@code now} and takes up to {@code max} tokens; returns how many. */
        int take(long now, int max) {
            Rate r = rate;
            if (restartBucket) {
                restartBucket = false;
                tokens = r.perSecond() > 0 ? 1 : 0;
                lastRefill = now;
            }
            long elapsed = now - lastRefill;
            if (elapsed > 0) {
                tokens = Math.min(r.capacity(), tokens + elapsed * r.perSecond() / 1e9);
                lastRefill = now;
            }
            int n = tokens >= max ? max : (int) tokens;
            tokens -= n;
            if (n == 0 && r.perSecond() > 0) {
                SimulatedTime.wakeAt(lastRefill + (long) Math.ceil((1 - tokens) * 1e9 / r.perSecond()));
            }
            return n;
        }
    }

    public RatedSource(ElementConfig c) {
        super(c);
        var args = c.args();
        byte[] data = args.positional("DATA").data(null);
        double rate = args.positional("RATE").rate(10);
        long limit = args.positional("LIMIT").longValue(-1);
        boolean active = args.positional("ACTIVE").bool(true);
        int length = args.keyword("LENGTH").integer(-1, 0, PacketPool.DATA_SIZE);
        length = args.keyword("DATASIZE").integer(length, 0, PacketPool.DATA_SIZE);
        stop = args.keyword("STOP").bool(false);
        double bandwidthBits = args.keyword("BANDWIDTH").bandwidthBitsPerSecond(0);
        if (data == null) {
            data = defaultFrame();
        }
        if (length < 0 && data.length > PacketPool.DATA_SIZE) {
            args.error("DATA: " + data.length + " bytes do not fit in a packet (at most " + PacketPool.DATA_SIZE + ")");
            data = new byte[0];
        }
        if (length > 0 && data.length == 0) {
            args.error("LENGTH: cannot fill " + length + " bytes from empty DATA");
            length = -1;
        }
        int packetLength = length >= 0 ? length : data.length;
        if (bandwidthBits > 0 && packetLength > 0) {
            rate = bandwidthBits / 8 / packetLength;
        }
        burst = c.batch();
        state = new State();
        state.setData(data, length);
        state.rate = Rate.of(rate);
        state.limit = limit < 0 ? -1 : limit;
        state.active = active;
    }

    /** The default DATA, built afresh (see the class documentation). */
    static byte[] defaultFrame() {
        return FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 5678).frameLength(60).build();
    }

    /** For tests: the state, to substitute the clock. */
    State state() {
        return state;
    }

    // ------------------------------------------------------------------ packet flow

    @Override
    public int runTask() {
        if (!outputIsPush(0)) {
            return DONE;
        }
        State s = state;
        if (!s.active) {
            return 0;
        }
        long limit = s.limit;
        int max = burst;
        if (limit >= 0) {
            long left = limit - s.count;
            if (left <= 0) {
                if (stop) {
                    host().stop(name() + ": LIMIT reached (" + limit + " packets)");
                }
                return DONE;
            }
            if (left < max) {
                max = (int) left;
            }
        }
        long now = s.clock.getAsLong();
        int n = s.take(now, max);
        if (n == 0) {
            return 0;
        }
        byte[] template = s.template;
        long timestamp = now + s.wallClockOffset;
        int sent = 0;
        while (sent < n) {
            Packet p = SourceData.make(template, timestamp);
            if (p == null) {
                s.drops += n - sent;
                break;
            }
            sent++;
            // Counted before the push, so that a handler reading during the push sees it.
            s.count++;
            output(0, p);
        }
        s.packetsOut += sent;
        s.bytesOut += (long) sent * template.length;
        return sent;
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        if (!s.active) {
            return null;
        }
        if (s.limit >= 0 && s.count >= s.limit) {
            if (stop && !host().stopping()) {
                host().stop(name() + ": LIMIT reached (" + s.limit + " packets)");
            }
            return null;
        }
        long now = s.clock.getAsLong();
        if (s.take(now, 1) == 0) {
            return null;
        }
        byte[] template = s.template;
        Packet p = SourceData.make(template, now + s.wallClockOffset);
        if (p == null) {
            s.drops++;
            return null;
        }
        s.count++;
        s.packetsOut++;
        s.bytesOut += template.length;
        return p;
    }

    // ------------------------------------------------------------------ statistics and handlers

    @Override
    public long packetsOut() {
        return state.packetsOut;
    }

    @Override
    public long bytesOut() {
        return state.bytesOut;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    /** A finished source that may produce again is handed back to its worker. */
    private void wake() {
        if (host() != null) {
            host().reschedule(this);
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.write("reset", v -> {
            s.count = 0;
            s.restartBucket = true;
            wake();
        });
        h.readWrite("rate", () -> HandlerValues.number(s.rate.perSecond()),
                v -> s.rate = Rate.of(HandlerValues.parse("rate", v, a -> a.rate(0))));
        h.readWrite("limit", () -> Long.toString(s.limit), v -> {
            long limit = HandlerValues.longValue("limit", v);
            s.limit = limit < 0 ? -1 : limit;
            wake();
        });
        h.readWrite("active", () -> Boolean.toString(s.active), v -> {
            boolean active = HandlerValues.bool("active", v);
            if (active && !s.active) {
                // As Click: a source switched back on starts with one token, not a saved-up burst.
                s.restartBucket = true;
            }
            s.active = active;
        });
        for (String name : new String[] {"length", "datasize"}) {
            h.readWrite(name, () -> Integer.toString(s.length), v -> {
                int length = HandlerValues.integer(name, v, -1, PacketPool.DATA_SIZE);
                SourceData.checkFits(s.data, length);
                s.setData(s.data, length);
            });
        }
        h.readWrite("data", () -> HandlerValues.unparseData(s.data), v -> {
            byte[] data = HandlerValues.parse("data", v, a -> a.data(new byte[0]));
            SourceData.checkFits(data, s.length);
            s.setData(data, s.length);
        });
        h.readLong("drops", () -> s.drops);
    }

}
