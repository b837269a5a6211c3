package io.jmill.elements.standard;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;

import java.util.HexFormat;
import java.util.List;

/**
 * Generates packets whenever scheduled.
 *
 * <pre>InfiniteSource([DATA, LIMIT, BURST, ACTIVE, keywords STOP, END_CALL, LENGTH, TIMESTAMP])</pre>
 *
 * <p>Creates packets holding DATA and pushes up to BURST of them out of its single output every
 * time it runs (which is often). Stops after LIMIT packets; a negative LIMIT means no limit.
 * Sends only while ACTIVE is true. Once LIMIT packets have gone out, its task reports that it is
 * done, and with {@code STOP true} it also asks the router to stop.
 *
 * <p>The default DATA is a valid 60-byte Ethernet frame: 02:00:00:00:00:01 &gt;
 * 02:00:00:00:00:02, IPv4 10.0.0.1 &gt; 10.0.0.2 (TTL 64, correct header checksum), UDP port
 * 1234 &gt; 5678 (checksum 0), with the 18-byte payload {@code "JMill test packet."}. (Click's
 * default is a 70-byte text that is not a valid frame.) The default BURST is the router's batch
 * size (32 unless the router was built with another), where Click's is 1.
 *
 * <p>When every packet goes to a queue with a full notifier (Queue, FullNoteQueue; see Queue), the
 * source reads its signal and pushes only while the queues have room, and no more than they have
 * room for, as Click's does with its BURST 1: a full queue does not make the source push packets
 * only to have them dropped.
 *
 * <p>When the packet pool is exhausted, the packets that could not be made are counted in
 * {@code drops}, the burst ends early, and the source tries again at its next run.
 *
 * <p>Ports: no inputs, one output, agnostic. Pushed, it is a task as described above. Pulled, it
 * returns one packet per pull (or nothing when inactive or past LIMIT) and its task is done at
 * once; note that the router may then decide that its input has ended when nothing has moved for
 * a moment.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code DATA}: data string (e.g. {@code \<0800>} or {@code "GET /\r\n"}). Same as the DATA
 *     argument.</li>
 * <li>{@code LIMIT}: integer. Same as the LIMIT argument. Default -1.</li>
 * <li>{@code BURST}: integer, at least 1. Same as the BURST argument.</li>
 * <li>{@code ACTIVE}: boolean. Same as the ACTIVE argument. Default true.</li>
 * <li>{@code STOP}: boolean. If true, stop the router once LIMIT packets are sent. Default
 *     false.</li>
 * <li>{@code END_CALL}: {@code HANDLER [VALUE]}. Once LIMIT packets are sent, write VALUE
 *     (default empty) to the write handler HANDLER, a flattened {@code element.handler} name or
 *     a global handler. END_CALL and STOP are mutually exclusive ({@code STOP true} is
 *     {@code END_CALL stop}).</li>
 * <li>{@code LENGTH}: integer. If set, packets have exactly this length: DATA is cut, or
 *     repeated until it fills the length.</li>
 * <li>{@code TIMESTAMP}: boolean. If true, set each packet's timestamp annotation (wall-clock
 *     time, read once per burst). Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets generated since the last reset.</li>
 * <li>{@code reset} (write): sets {@code count} to 0, so that another LIMIT packets may be sent;
 *     a finished source is scheduled again.</li>
 * <li>{@code limit}, {@code burst}, {@code active}, {@code length} (read/write): the LIMIT, BURST,
 *     ACTIVE and LENGTH settings ({@code length} is -1 when unset).</li>
 * <li>{@code data} (read/write): DATA, read as a Click hex data string such as
 *     {@code \<08 00>}; written in the DATA argument's syntax.</li>
 * <li>{@code drops} (read): packets not generated because the packet pool was exhausted.</li>
 * <li>{@code scheduled} (read): whether the source would run now: pushed, active, short of LIMIT,
 *     and the queue downstream (if it has a full notifier) not full. Click's task state.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>InfiniteSource(LIMIT 1000000, STOP true) -&gt; c :: Counter -&gt; Discard;</pre>
 */
@ElementInfo(ports = "0/1", processing = "a/a")
public final class InfiniteSource extends Element implements Task, TrafficSource, DropCounter {
    /** The default DATA: a 60-byte Ethernet/IPv4/UDP frame (see the class documentation). */
    static final byte[] DEFAULT_DATA = defaultFrame();

    /** Largest batch handed on at once; a larger BURST goes in several. */
    private static final int MAX_BATCH = 256;

    private final boolean stop;
    /** END_CALL's handler and value, or null. */
    private final String endHandler;
    private final String endValue;
    private final boolean timestamp;
    private final State state;
    /** The packets of a burst, handed on in batches of at most its capacity. */
    private final PacketBatch batch;

    /** Run-time state: settings the handlers change, and counters. */
    private static final class State {
        volatile byte[] data;
        volatile int length;
        /** What each packet holds: DATA fitted to LENGTH; replaced whole when either changes. */
        volatile byte[] template;
        volatile long limit;
        volatile int burst;
        volatile boolean active;
        /** Since the last reset; written by the thread that runs the source. */
        long count;
        long packetsOut;
        long bytesOut;
        long drops;
        /** Whether the end of LIMIT has been acted on (STOP, END_CALL) since the last reset. */
        boolean ended;
        /**
         * The queues downstream and their full signal, if every path leads to a queue with a full
         * notifier; else null (set at initialization).
         */
        Notifier[] fullQueues;
        NotifierSignal nonfull;

        void setData(byte[] data, int length) {
            this.data = data;
            this.length = length;
            this.template = SourceData.fit(data, length);
        }
    }

    public InfiniteSource(ElementConfig c) {
        super(c);
        var args = c.args();
        byte[] data = args.positional("DATA").data(DEFAULT_DATA);
        long limit = args.positional("LIMIT").longValue(-1);
        int burst = args.positional("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
        boolean active = args.positional("ACTIVE").bool(true);
        stop = args.keyword("STOP").bool(false);
        var endCall = args.keyword("END_CALL");
        List<String> words = endCall.words();
        endHandler = words.isEmpty() ? null : words.getFirst();
        endValue = words.isEmpty() ? null : String.join(" ", words.subList(1, words.size()));
        if (endCall.present() && words.isEmpty()) {
            args.error("END_CALL: expected 'HANDLER [VALUE]'");
        }
        if (stop && endHandler != null) {
            args.error("END_CALL and STOP are mutually exclusive");
        }
        int length = args.keyword("LENGTH").integer(-1, 0, PacketPool.DATA_SIZE);
        timestamp = args.keyword("TIMESTAMP").bool(true);
        if (length < 0 && data.length > PacketPool.DATA_SIZE) {
            args.error("DATA: " + data.length + " bytes do not fit in a packet (at most " + PacketPool.DATA_SIZE + ")");
            data = new byte[0];
        }
        if (length > 0 && data.length == 0) {
            args.error("LENGTH: cannot fill " + length + " bytes from empty DATA");
            length = -1; // the error is reported; don't try to fill
        }
        state = new State();
        state.setData(data, length);
        state.limit = limit < 0 ? -1 : limit;
        state.burst = burst;
        batch = new PacketBatch(Math.max(c.batch(), Math.min(burst, MAX_BATCH)));
        state.active = active;
    }

    // ------------------------------------------------------------------ packet flow

    @Override
    public void initialize() {
        if (outputIsPush(0)) {
            NotifierSignals signals = NotifierSignals.of(host());
            List<Notifier> queues = signals.downstreamFullNotifiers(this, 0);
            if (!queues.isEmpty()) {
                state.fullQueues = queues.toArray(new Notifier[0]);
                state.nonfull = signals.downstreamFull(this, 0);
            }
        }
    }

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
        int n = s.burst;
        if (limit >= 0) {
            long left = limit - s.count;
            if (left <= 0) {
                limitReached(s);
                return DONE;
            }
            if (left < n) {
                n = (int) left;
            }
        }
        byte[] template = s.template;
        long now = timestamp ? WorkerClock.wallNanos() : 0;
        if (s.fullQueues != null) {
            n = withinRoom(s, n);
            if (n == 0) {
                return 0;
            }
        }
        PacketBatch b = batch;
        b.clear(); // empty unless an exception cut the last run short
        int sent = 0;
        while (sent < n) {
            Packet p = SourceData.make(template, now);
            if (p == null) {
                s.drops += n - sent;
                break;
            }
            sent++;
            // Counted before the push, so that a handler reading during the push sees it.
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
        s.packetsOut += sent;
        s.bytesOut += (long) sent * template.length;
        return sent;
    }

    /**
     * At most {@code n}, and no more than the queues downstream have room for (nothing while their
     * full signal is off): Click's source stops when its full notifier says so, and pushes no packet
     * only to have it dropped.
     */
    private static int withinRoom(State s, int n) {
        if (!s.nonfull.active()) {
            return 0;
        }
        long room = 0;
        for (Notifier q : s.fullQueues) {
            room += q.room();
        }
        return (int) Math.min(n, room);
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        if (!s.active) {
            return null;
        }
        if (s.limit >= 0 && s.count >= s.limit) {
            limitReached(s);
            return null;
        }
        byte[] template = s.template;
        Packet p = SourceData.make(template, timestamp ? WorkerClock.wallNanos() : 0);
        if (p == null) {
            s.drops++;
            return null;
        }
        s.count++;
        s.packetsOut++;
        s.bytesOut += template.length;
        return p;
    }

    /** Acts on STOP or END_CALL, once per reset. */
    private void limitReached(State s) {
        if (s.ended) {
            return;
        }
        s.ended = true;
        if (stop) {
            host().stop(name() + ": LIMIT reached (" + s.limit + " packets)");
        } else if (endHandler != null) {
            try {
                host().writeHandler(endHandler, endValue);
            } catch (HandlerException | RuntimeException e) {
                System.err.println("jmill: " + name() + ": END_CALL to handler '" + endHandler + "' failed: "
                        + e.getMessage());
            }
        }
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

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.write("reset", v -> {
            s.count = 0;
            s.ended = false;
            wake();
        });
        h.readWrite("limit", () -> Long.toString(s.limit), v -> {
            long limit = HandlerValues.longValue("limit", v, Long.MIN_VALUE, Long.MAX_VALUE);
            s.limit = limit < 0 ? -1 : limit;
            s.ended = false;
            wake();
        });
        h.readWrite("burst", () -> Integer.toString(s.burst),
                v -> s.burst = HandlerValues.integer("burst", v, 1, Integer.MAX_VALUE));
        h.readWrite("active", () -> Boolean.toString(s.active), v -> {
            s.active = HandlerValues.bool("active", v);
            wake();
        });
        h.readWrite("length", () -> Integer.toString(s.length), v -> {
            int length = HandlerValues.integer("length", v, -1, PacketPool.DATA_SIZE);
            SourceData.checkFits(s.data, length);
            s.setData(s.data, length);
        });
        h.readWrite("data", () -> HandlerValues.unparseData(s.data), v -> {
            byte[] data = HandlerValues.data("data", v);
            SourceData.checkFits(data, s.length);
            s.setData(data, s.length);
        });
        h.readLong("drops", () -> s.drops);
        h.read("scheduled", () -> Boolean.toString(outputIsPush(0) && s.active && (s.limit < 0 || s.count < s.limit)
                && (s.nonfull == null || s.nonfull.active())));
    }

    /** A finished source that may produce again is handed back to its worker. */
    private void wake() {
        if (host() != null) {
            host().reschedule(this);
        }
    }

    private static byte[] defaultFrame() {
        byte[] f = HexFormat.of().parseHex(
                "020000000002" + "020000000001" + "0800"                      // Ethernet
                + "4500" + "002e" + "0000" + "0000" + "40" + "11" + "0000"    // IPv4, checksum below
                + "0a000001" + "0a000002"
                + "04d2" + "162e" + "001a" + "0000");                        // UDP
        byte[] payload = "JMill test packet.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] frame = new byte[60];
        System.arraycopy(f, 0, frame, 0, f.length);
        System.arraycopy(payload, 0, frame, f.length, payload.length);
        int checksum = io.jmill.driver.net.Checksum.of(frame, 14, 20);
        frame[24] = (byte) (checksum >>> 8);
        frame[25] = (byte) checksum;
        return frame;
    }
}
