package io.jmill.elements.file;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketImages;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * What {@link Replay} and {@link ReplayUnqueue} share: loading every packet from the inputs once
 * (merged by timestamp across inputs), the stored copies, the loop count, and the handlers.
 * Subclasses decide how a copy leaves (pushed, or queued for pulling).
 */
abstract class ReplayBase extends Element implements Task, TrafficSource {
    /** Most packets pulled per run while loading, so that one run stays short. */
    static final int LOAD_CHUNK = 4096;

    protected final int burst;
    protected final int stopTimeSeconds;
    protected final boolean freeOnTerminate;
    protected final long limit;
    protected final boolean verbose;
    protected final State state = new State();

    /** Run-time state. Written by the task's thread, except the volatile settings. */
    protected static final class State {
        volatile boolean active;
        /** Loops left (negative: forever); 0 stops. */
        volatile int stop;
        volatile boolean resetRequested;
        /** Replay speed in percent of the original timing; 0 = as fast as possible. */
        volatile int timing;

        boolean loaded;
        /** The load message has been printed for the current load. */
        boolean loadAnnounced;
        /** The next packet of each input while loading, or null. */
        Packet[] heads;
        /** The stored packets, in replay order, and the output each goes to. */
        Packet[] packets = new Packet[64];
        int[] ports = new int[64];
        int size;
        int cursor;
        /** This loop hands out the stored packets themselves (last loop, FREEONTERMINATE false). */
        boolean givingAway;
        boolean finished;
        long loops;
        long count;
        long packetsOut;
        long bytesOut;
        long cloneFailures;
        /** The stored packets as images side by side, which clone faster (ReplayUnqueue). */
        final PacketImages images = new PacketImages();
        long startNanos;
        long loopBaseStamp;
        long loopBaseNanos;
        PrintStream log = System.err;

        void append(Packet p, int port) {
            if (size == packets.length) {
                packets = Arrays.copyOf(packets, size * 2);
                ports = Arrays.copyOf(ports, size * 2);
            }
            packets[size] = p;
            ports[size] = port;
            size++;
        }

        void freeStored() {
            images.clear();
            for (int i = 0; i < size; i++) {
                if (packets[i] != null) {
                    packets[i].kill();
                    packets[i] = null;
                }
            }
            size = 0;
            cursor = 0;
            if (heads != null) {
                for (int i = 0; i < heads.length; i++) {
                    if (heads[i] != null) {
                        heads[i].kill();
                        heads[i] = null;
                    }
                }
            }
        }
    }

    protected ReplayBase(ElementConfig c) {
        super(c);
        Args args = c.args();
        state.stop = args.keyword("STOP").integer(-1);
        stopTimeSeconds = args.keyword("STOP_TIME").integer(0, 0, Integer.MAX_VALUE);
        args.keyword("QUICK_CLONE").bool(false); // accepted: JMill clones are always full copies
        burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
        verbose = args.keyword("VERBOSE").bool(false);
        freeOnTerminate = args.keyword("FREEONTERMINATE").bool(true);
        limit = args.keyword("LIMIT").longValue(-1);
        state.active = args.keyword("ACTIVE").bool(true);
        args.keyword("USE_SIGNAL").bool(false); // accepted: loading ends when an input gives nothing
    }

    @Override
    public void initialize() {
        state.heads = new Packet[ninputs()];
    }

    @Override
    public void cleanup() {
        state.freeStored();
    }

    /** Where the load and VERBOSE messages go (default standard error). */
    public void setLog(PrintStream log) {
        state.log = log;
    }

    // ------------------------------------------------------------------ loading

    /**
     * Pulls up to {@link #LOAD_CHUNK} packets into the store, always taking the earliest of the
     * inputs' next packets; loading ends when any input gives nothing or LIMIT is reached.
     *
     * @return packets pulled
     */
    protected final int loadSome(State s) {
        Packet[] heads = s.heads;
        int n = 0;
        while (n < LOAD_CHUNK) {
            if (limit >= 0 && s.size >= limit) {
                finishLoading(s, -1);
                return n;
            }
            int best = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] == null) {
                    heads[i] = input(i);
                    if (heads[i] == null) {
                        finishLoading(s, i);
                        return n;
                    }
                    n++;
                }
                if (best < 0 || heads[i].timestampNanos() < heads[best].timestampNanos()) {
                    best = i;
                }
            }
            s.append(heads[best], best);
            heads[best] = null;
        }
        return n;
    }

    /** @param dry the input that gave nothing, or -1 if LIMIT ended loading */
    private void finishLoading(State s, int dry) {
        for (int i = 0; i < s.heads.length; i++) {
            if (s.heads[i] != null) {
                s.heads[i].kill();
                s.heads[i] = null;
            }
        }
        s.loaded = true;
        s.cursor = 0;
        s.startNanos = WorkerClock.nanos();
        startLoop(s);
        s.log.println(name() + " : Successfully loaded " + s.size + " packets. Input " + dry + " dried out.");
    }

    /** Before each pass over the stored packets. */
    private void startLoop(State s) {
        s.givingAway = s.stop == 1 && !freeOnTerminate;
        s.loopBaseNanos = WorkerClock.nanos();
        s.loopBaseStamp = s.size > 0 && s.packets[0] != null ? s.packets[0].timestampNanos() : 0;
    }

    // ------------------------------------------------------------------ replaying

    /**
     * Handles reset requests, loading, and the end conditions that need no packet.
     *
     * @return -2 to go on replaying, otherwise what runTask should return
     */
    protected final int prepare(State s) {
        if (s.resetRequested) {
            s.resetRequested = false;
            s.freeStored();
            s.loaded = false;
            s.loadAnnounced = false;
            s.finished = false;
            s.loops = 0;
        }
        if (s.finished) {
            return finishedResult(s);
        }
        if (!s.active) {
            return 0;
        }
        if (!s.loaded) {
            if (!s.loadAnnounced) {
                s.loadAnnounced = true;
                s.log.println("Loading " + name() + " with " + ninputs() + " inputs.");
            }
            int n = loadSome(s);
            if (s.loaded && s.size == 0) {
                s.log.println(name() + ": no packets to replay (the input gave none)");
                finish(s, "nothing to replay");
            }
            return n;
        }
        if (s.stop == 0 || timeIsUp(s)) {
            finish(s, "replay done after " + s.loops + " loop" + (s.loops == 1 ? "" : "s"));
            return finishedResult(s);
        }
        return -2;
    }

    /** What runTask returns once finished; Replay waits for its queues to drain first. */
    protected int finishedResult(State s) {
        return DONE;
    }

    /**
     * The copy of stored packet {@code i} to send, advancing nothing: a clone, or the stored
     * packet itself in a giving-away loop. Null if the pool is exhausted (try again later) or the
     * packet was given away already.
     */
    protected final Packet copyOf(State s, int i) {
        Packet p = s.packets[i];
        if (p == null) {
            return null;
        }
        if (s.givingAway) {
            s.packets[i] = null;
            return p;
        }
        PacketImages images = s.images;
        Packet q = images.isCurrent() && images.size() == s.size ? images.clone(i) : p.clone();
        if (q == null) {
            s.cloneFailures++;
        }
        return q;
    }

    /**
     * Makes the images of the stored packets that clones are made from ({@link PacketImages}) if
     * there are none yet or they follow another metadata layout: once per task run, before cloning.
     */
    protected static void refreshImages(State s) {
        PacketImages images = s.images;
        if (!images.isCurrent() || images.size() != s.size) {
            images.make(s.packets, s.size);
        }
    }

    /** True if stored packet {@code i} may go now, given TIMING. */
    protected final boolean due(State s, int i, long now) {
        int timing = s.timing;
        if (timing <= 0) {
            return true;
        }
        long stampDelta = s.packets[i].timestampNanos() - s.loopBaseStamp;
        long realDelta = now - s.loopBaseNanos;
        if (stampDelta * 100 <= realDelta * timing) {
            return true;
        }
        SimulatedTime.wakeAt(s.loopBaseNanos + stampDelta * 100 / timing);
        return false;
    }

    /** Counts a packet sent. */
    protected final void sent(State s, Packet q) {
        sent(s, 1, q.length());
    }

    /** Counts {@code n} packets sent, {@code bytes} bytes in all. */
    protected final void sent(State s, int n, long bytes) {
        s.count += n;
        s.packetsOut += n;
        s.bytesOut += bytes;
    }

    /** Call when the cursor has reached the end of the stored packets. */
    protected final void endOfLoop(State s) {
        s.cursor = 0;
        s.loops++;
        if (timeIsUp(s)) {
            s.stop = 0;
        } else if (s.stop > 0) {
            s.stop--;
        }
        if (verbose) {
            s.log.println(name() + ": loop " + s.loops + " done (" + (s.stop < 0 ? "no limit" : s.stop + " left") + ")");
        }
        if (s.stop == 0) {
            finish(s, "replay done after " + s.loops + " loop" + (s.loops == 1 ? "" : "s"));
        } else {
            startLoop(s);
        }
    }

    private boolean timeIsUp(State s) {
        return stopTimeSeconds > 0 && WorkerClock.nanos() - s.startNanos >= stopTimeSeconds * 1_000_000_000L;
    }

    private void finish(State s, String why) {
        s.finished = true;
        onFinish(s, name() + ": " + why);
    }

    /** Called once when replaying is over; by default asks the router to stop. */
    protected void onFinish(State s, String reason) {
        host().stop(reason);
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
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = FromDump.parseBool("active", v));
        h.write("reset", v -> s.resetRequested = true);
        h.read("loaded", () -> Boolean.toString(s.loaded));
        h.readWrite("stop", () -> Integer.toString(s.stop), v -> s.stop = parseInt("stop", v));
        h.readLong("count", () -> s.count);
        h.readLong("loops", () -> s.loops);
        h.readLong("stored", () -> s.size);
    }

    static int parseInt(String handler, String value) throws HandlerException {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new HandlerException(handler + ": expected integer, got '" + (value == null ? "" : value.strip()) + "'");
        }
    }
}
