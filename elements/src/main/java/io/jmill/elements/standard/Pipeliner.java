package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.CurrentWorker;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.ThreadBoundary;
import io.jmill.layout.Packet;

import java.util.BitSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands the packets pushed into it over to its own worker thread, which pushes them on.
 *
 * <pre>Pipeliner([CAPACITY, BURST, BLOCKING, keywords ACTIVE, ALWAYS_UP, DIRECT_TRAVERSAL, NOUSELESS, VERBOSE, PREFETCH])</pre>
 *
 * <p>FastClick's full-push queue: what ThreadSafeQueue followed by Unqueue does, in one element and
 * without the pull step. Any number of worker threads push packets in; each has a ring of its own
 * (single producer, single consumer, lock-free), and the element's task, on its home thread
 * (placed by StaticThreadSched, worker 0 otherwise when a scheduler places other tasks), takes
 * them out of every ring in turn and pushes them out of its output. A packet pushed by the home
 * thread itself goes straight on (DIRECT_TRAVERSAL).
 *
 * <p>When a ring is full, the packet is dropped and counted, or, with BLOCKING, the pushing thread
 * waits until there is room (packets are then never lost; the wait ends if the router stops, and
 * the packet is dropped).
 *
 * <p>Ports: one or more push inputs, one push output.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code CAPACITY}: integer, at least 4. Packets each ring holds (rounded up to a power of
 *     two). Default 1024.</li>
 * <li>{@code BURST}: integer. Most packets the task takes from one ring per run; 0 or less: no
 *     limit. Default 32.</li>
 * <li>{@code BLOCKING}: boolean. Wait for room instead of dropping. Default false.</li>
 * <li>{@code ACTIVE}: boolean. If false, the task does not run until the {@code active} handler
 *     is set. Default true.</li>
 * <li>{@code DIRECT_TRAVERSAL}: boolean. Push packets from the home thread on at once. Default
 *     true.</li>
 * <li>{@code ALWAYS_UP}, {@code NOUSELESS}, {@code VERBOSE}, {@code PREFETCH}: booleans, accepted
 *     for FastClick's configurations. A JMill task is polled on every pass of its worker, so
 *     there is no sleeping task for ALWAYS_UP to keep up; JMill prints no congestion messages.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets put in the rings.</li>
 * <li>{@code dropped} (read): packets dropped because a ring was full.</li>
 * <li>{@code active} (read/write): whether the task runs.</li>
 * <li>{@code highwater} (read): most packets seen in one ring at once.</li>
 * </ul>
 *
 * <p>Example, seven receive threads feeding one processing thread ({@code jmill run --threads 8}):
 * <pre>
 * elementclass Rx { $t | src :: InfiniteSource -&gt; output; StaticThreadSched(src $t) }
 * p :: Pipeliner(BLOCKING true) -&gt; c :: Counter -&gt; Discard;
 * Rx(1) -&gt; p;  Rx(2) -&gt; p;  Rx(3) -&gt; p;
 * </pre>
 *
 * <p>See also: ThreadSafeQueue, CPUSwitch, StaticThreadSched.
 */
@ElementInfo(ports = "1-/1", processing = "h/h")
public final class Pipeliner extends Element implements Task, ThreadBoundary {
    private final int capacity;
    private final int burst;
    private final boolean blocking;
    private final boolean directTraversal;
    private final State state = new State();

    private static final class State {
        /** One ring per worker, indexed by the pushing worker; set again when the router starts. */
        volatile PacketRing[] rings;
        /** The worker that runs the task. */
        volatile int home;
        volatile boolean active;
        /** The ring the next run starts with: the task's worker only. */
        int next;
        final LongAdder count = new LongAdder();
        final LongAdder dropped = new LongAdder();
    }

    public Pipeliner(ElementConfig c) {
        super(c);
        var args = c.args();
        int cap = args.positional("CAPACITY").integer(1024, 0, 1 << 30);
        if (cap > 0 && cap < 4) {
            args.error("CAPACITY: must be at least 4, got " + cap);
        }
        capacity = cap <= 0 ? 1024 : Math.max(4, cap);
        int b = args.positional("BURST").integer(32, Integer.MIN_VALUE, Integer.MAX_VALUE);
        burst = b <= 0 ? Integer.MAX_VALUE : b;
        blocking = args.positional("BLOCKING").bool(false);
        state.active = args.keyword("ACTIVE").bool(true);
        args.keyword("ALWAYS_UP").bool(false);
        directTraversal = args.keyword("DIRECT_TRAVERSAL").bool(true);
        args.keyword("NOUSELESS").bool(false);
        args.keyword("VERBOSE").bool(true);
        args.keyword("PREFETCH").bool(true);
        state.rings = new PacketRing[] {new PacketRing(capacity)};
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int t = CurrentWorker.index();
        if (directTraversal && t == s.home) {
            output(0, p);
            return;
        }
        PacketRing[] rings = s.rings;
        PacketRing ring = rings[t < rings.length ? t : t % rings.length];
        while (!ring.offer(p, capacity)) {
            if (!blocking || host().stopping()) {
                p.kill();
                s.dropped.increment();
                return;
            }
            Thread.onSpinWait();
        }
        s.count.increment();
    }

    @Override
    public int runTask() {
        State s = state;
        if (!s.active) {
            return 0;
        }
        PacketRing[] rings = s.rings;
        int moved = 0;
        for (int k = 0; k < rings.length; k++) {
            int i = s.next + k < rings.length ? s.next + k : s.next + k - rings.length;
            PacketRing ring = rings[i];
            for (int n = 0; n < burst; n++) {
                Packet p = ring.poll();
                if (p == null) {
                    break;
                }
                output(0, p);
                moved++;
            }
        }
        s.next = s.next + 1 < rings.length ? s.next + 1 : 0;
        return moved;
    }

    @Override
    public void threadsPlaced(BitSet pushing, int home, int nthreads) {
        PacketRing[] rings = new PacketRing[nthreads];
        for (int i = 0; i < nthreads; i++) {
            rings[i] = new PacketRing(capacity);
        }
        state.next = 0;
        state.home = home;
        state.rings = rings;
    }

    @Override
    public BitSet threadsLeaving(int port, BitSet pushing, int home, int nthreads) {
        BitSet b = new BitSet(nthreads);
        b.set(home);
        return b;
    }

    @Override
    public void cleanup() {
        for (PacketRing ring : state.rings) {
            for (Packet p = ring.poll(); p != null; p = ring.poll()) {
                p.kill();
            }
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", s.count::sum);
        h.readLong("dropped", s.dropped::sum);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.readLong("highwater", () -> {
            long max = 0;
            for (PacketRing ring : s.rings) {
                max = Math.max(max, ring.highWater());
            }
            return max;
        });
    }
}
