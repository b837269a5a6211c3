package io.jmill.elements.file;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketImages;

/**
 * Replays its input's packets a number of times, pull to push.
 *
 * <pre>ReplayUnqueue([keywords STOP, STOP_TIME, TIMING, BURST, LIMIT, ACTIVE, FREEONTERMINATE, QUICK_CLONE, VERBOSE, USE_SIGNAL])</pre>
 *
 * <p>FastClick's ReplayUnqueue: first pulls every packet its inputs have (until an input gives
 * nothing, or LIMIT packets) and keeps them; then pushes copies of them, in order, BURST per run,
 * and starts over, STOP times in all. When the last loop is done it asks the router to stop and its
 * task ends. The stored packets stay untouched whatever happens to the copies downstream, and are
 * freed when the router is closed. Works like {@code Replay -> Unqueue}, but without the queue.
 *
 * <p>With several inputs, packets are loaded merged by timestamp (always the earliest of the
 * inputs' next packets) and each is replayed out of the output with its input's number; loading
 * ends when any input runs dry. Also known as {@code MultiReplayUnqueue}, FastClick's name for the same
 * behaviour with several inputs.
 *
 * <p>Loading pulls at most 4096 packets per run, so a large trace loads over several runs. The
 * stored packets occupy packet buffers for the whole run: a trace larger than the packet pool
 * cannot be stored whole (use LIMIT, or a larger {@code --memory}). When the pool has no buffer
 * for a copy, ReplayUnqueue sends what it has and tries again at its next run; no copy is skipped.
 *
 * <p>Ports: one or more inputs, pull; as many outputs, push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code STOP}: integer. Number of loops; a negative number means forever, 0 stops at once.
 *     Default -1.</li>
 * <li>{@code STOP_TIME}: integer, seconds. If positive, also stop once that much time has passed
 *     since loading ended. Default 0.</li>
 * <li>{@code TIMING}: integer, percent. If positive, keep the packets' original spacing, sped up
 *     by this factor (100: real time, 200: twice as fast); 0 sends as fast as possible. Each loop
 *     starts anew from its first packet. Default 0.</li>
 * <li>{@code BURST}: integer, at least 1. Most packets sent per run. Default: the router's batch
 *     size (FastClick's is 64).</li>
 * <li>{@code LIMIT}: integer. Most packets loaded; negative for no limit. Default -1.</li>
 * <li>{@code ACTIVE}: boolean. If false, do nothing until the {@code active} handler is written
 *     true. Default true.</li>
 * <li>{@code FREEONTERMINATE}: boolean. If false, the last loop sends the stored packets
 *     themselves instead of copies. Default true.</li>
 * <li>{@code VERBOSE}: boolean. If true, report every loop on standard error. Loading is always
 *     reported there, in FastClick's two lines ({@code Loading NAME with N inputs.} and
 *     {@code NAME : Successfully loaded K packets. Input I dried out.}, I = -1 when LIMIT ended
 *     it).</li>
 * <li>{@code QUICK_CLONE}, {@code USE_SIGNAL}: accepted for compatibility, no effect. (JMill's
 *     clones are always copies; JMill has no empty-notifier signals, so loading always ends at the
 *     first empty pull.)</li>
 * </ul>
 * TIMING_FNT is not supported.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code active} (read/write): the ACTIVE setting.</li>
 * <li>{@code stop} (read/write): loops left (negative: forever).</li>
 * <li>{@code timing} (read/write): the TIMING setting.</li>
 * <li>{@code reset} (write): frees the stored packets and loads again from the input (while the
 *     task still runs).</li>
 * <li>{@code loaded} (read): whether loading has ended.</li>
 * <li>{@code stored} (read): packets stored.</li>
 * <li>{@code count} (read): copies sent.</li>
 * <li>{@code loops} (read): loops completed.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDump(trace.pcap, STOP false) -&gt; ReplayUnqueue(STOP 10) -&gt; c :: Counter -&gt; Discard;</pre>
 */
@ElementInfo(ports = "1-/=", processing = "l/h", aliases = "MultiReplayUnqueue")
public final class ReplayUnqueue extends ReplayBase {
    /** The copies of one run, handed on as a batch (one per run of consecutive packets of one port). */
    private final PacketBatch batch;

    public ReplayUnqueue(ElementConfig c) {
        super(c);
        state.timing = c.args().keyword("TIMING").integer(0, 0, Integer.MAX_VALUE);
        batch = new PacketBatch(burst);
    }

    @Override
    public int runTask() {
        State s = state;
        int r = prepare(s);
        if (r != -2) {
            return r;
        }
        boolean timed = s.timing > 0;
        long now = timed ? WorkerClock.nanos() : 0;
        Packet[] stored = s.packets;
        int[] ports = s.ports;
        int size = s.size;
        refreshImages(s);
        PacketImages images = s.images;
        PacketBatch b = batch;
        b.clear(); // empty unless an exception cut the last run short
        int port = -1;
        int n = 0;
        long bytes = 0;
        while (n < burst && s.cursor < size) {
            int i = s.cursor;
            if (timed && !due(s, i, now)) {
                break;
            }
            Packet p = stored[i];
            // The common case inline (a copy of a stored packet's image); the rest in copyOf.
            Packet q = p != null && !s.givingAway ? images.clone(i) : copyOf(s, i);
            if (q == null) {
                if (p != null && !s.givingAway) {
                    s.cloneFailures++;
                } else if (s.packets[i] == null) {
                    // Given away in a last loop that a write to 'stop' then extended: nothing left.
                    s.stop = 0;
                    endOfLoop(s);
                }
                break;
            }
            s.cursor = i + 1;
            n++;
            bytes += q.length();
            if (!BATCHES) {
                output(ports[i], q);
                continue;
            }
            if (ports[i] != port && !b.isEmpty()) {
                outputBatch(port, b);
                b.clear();
            }
            port = ports[i];
            b.add(q);
        }
        if (!b.isEmpty()) {
            outputBatch(port, b);
            b.clear();
        }
        sent(s, n, bytes);
        if (s.cursor == s.size && !s.finished) {
            endOfLoop(s);
        }
        return n;
    }

    @Override
    public void addHandlers(Handlers h) {
        super.addHandlers(h);
        State s = state;
        h.readWrite("timing", () -> Integer.toString(s.timing), v -> {
            int t = parseInt("timing", v);
            if (t < 0) {
                throw new HandlerException("timing: must be at least 0, got " + t);
            }
            s.timing = t;
        });
    }
}
