package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;

/**
 * Stores packets in a FIFO queue.
 *
 * <pre>Queue([CAPACITY])</pre>
 *
 * <p>Stores incoming packets in a first-in-first-out queue and hands them out when pulled. Drops
 * incoming packets if the queue already holds CAPACITY packets; dropped packets are counted, and
 * emitted on output 1 if that output is connected. The default CAPACITY is 1000. Also known as
 * {@code SimpleQueue}, {@code NotifierQueue}, {@code FullNoteQueue} and {@code QuickNoteQueue}.
 *
 * <p>Notifiers, as in Click: Queue, FullNoteQueue and QuickNoteQueue have an empty notifier (its
 * signal is active while the queue holds packets) and a full notifier (active while it has room);
 * NotifierQueue has only the empty one, SimpleQueue neither. Sources that push into a queue with
 * a full notifier (InfiniteSource) stop while it is full; TimeSortedSched reads the empty signals;
 * NotifierDebug shows them. As in Click, the empty signal goes off only after
 * {@value #SLEEPINESS_TRIGGER} pulls in a row found the queue empty, except QuickNoteQueue's, which
 * goes off as soon as a pull empties the queue. JMill's pulling tasks poll rather than sleep, so an empty signal does
 * not put them to sleep. The signals cost nothing unless an element of the router reads them.
 * (Under simulated time, packets a full queue drops do not count as work, which stands for the
 * full notification where the source does not read it.)
 *
 * <p>Like Click's, the queue allows at most one pushing thread and at most one pulling thread at
 * a time, which may be different threads: it is a lock-free single-producer, single-consumer
 * ring, so a source and an {@code Unqueue} can run on different workers.
 *
 * <p>Ports: one push input; output 0 pull, optional output 1 (drops) push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code length} (read): packets in the queue now.</li>
 * <li>{@code highwater_length} (read): most packets ever in the queue at once.</li>
 * <li>{@code capacity} (read/write): the capacity. It can be lowered, or raised up to the ring
 *     allocated at configuration (CAPACITY rounded up to a power of two); lowering it below the
 *     current length keeps the packets, and refuses new ones until the queue drains.</li>
 * <li>{@code drops} (read): packets dropped because the queue was full.</li>
 * <li>{@code reset_counts} (write): set {@code drops} and {@code highwater_length} to 0.</li>
 * <li>{@code reset} (write): drop every packet in the queue. Only the pulling side may take
 *     packets out, so this happens at the next pull (or when the router is closed).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; q :: Queue(256) -&gt; Unqueue -&gt; sink;</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "h/lh", aliases = {"SimpleQueue", "NotifierQueue", "FullNoteQueue", "QuickNoteQueue"})
public final class Queue extends Element implements DropCounter, Storage, Notifier {
    /** Default CAPACITY, as in Click. */
    public static final int DEFAULT_CAPACITY = 1000;
    /** Pulls in a row that must find the queue empty before its empty signal goes off, as in Click. */
    static final int SLEEPINESS_TRIGGER = 9;

    private final PacketRing ring;
    /** Which of Click's notifiers this variant has (SimpleQueue none, NotifierQueue the empty one). */
    private final boolean notifiesEmpty;
    private final boolean notifiesFull;
    /** QuickNoteQueue: the empty signal goes off as soon as a pull empties the queue. */
    private final boolean quick;
    private final State state = new State();

    private static final class State {
        volatile int capacity;
        /** Written by the pushing thread. */
        long drops;
        /** Incremented by the {@code reset} handler; the puller catches up by freeing the queue. */
        volatile int resetRequests;
        /** Resets carried out, touched by the pulling thread only. */
        int resetsDone;
        /**
         * Active while the queue holds packets / has room; null until some element of the router
         * asks for notifier signals (then set before the router starts), and for variants without.
         */
        NotifierSignal empty;
        NotifierSignal nonfull;
        /** Pulls in a row that found the queue empty; touched by the pulling thread only. */
        int sleepiness;
    }

    public Queue(ElementConfig c) {
        super(c);
        int capacity = c.args().positional("CAPACITY").integer(DEFAULT_CAPACITY, 1, 1 << 30);
        ring = new PacketRing(capacity);
        state.capacity = capacity;
        notifiesEmpty = !c.className().equals("SimpleQueue");
        notifiesFull = notifiesEmpty && !c.className().equals("NotifierQueue");
        quick = c.className().equals("QuickNoteQueue");
    }

    @Override
    public void allocateSignals(NotifierSignals signals) {
        if (notifiesEmpty) {
            state.empty = signals.allocate("empty");
            state.empty.set(ring.size() > 0);
        }
        if (notifiesFull) {
            state.nonfull = signals.allocate("full");
            state.nonfull.set(ring.size() < state.capacity);
        }
    }

    @Override
    public NotifierSignal emptySignal() {
        return state.empty;
    }

    @Override
    public NotifierSignal nonfullSignal() {
        return state.nonfull;
    }

    @Override
    public int room() {
        return Math.max(0, state.capacity - ring.size());
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        if (!ring.offer(p, s.capacity)) {
            s.drops++;
            SimulatedTime.wasted(1);
            if (s.nonfull != null) {
                noteFull(s);
            }
            checkedOutput(1, p);
            return;
        }
        if (s.empty != null) {
            s.empty.set(true);
        }
        if (s.nonfull != null && ring.size() >= s.capacity) {
            noteFull(s);
        }
    }

    /** Clears the nonfull signal, unless the puller made room meanwhile. */
    private void noteFull(State s) {
        s.nonfull.set(false);
        if (ring.size() < s.capacity) {
            s.nonfull.set(true);
        }
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        if (s.resetRequests != s.resetsDone) {
            s.resetsDone = s.resetRequests;
            freeAll();
        }
        Packet p = ring.poll();
        if (p != null) {
            s.sleepiness = 0;
            if (s.nonfull != null) {
                s.nonfull.set(true);
            }
            if (quick && s.empty != null && ring.size() == 0) {
                noteEmpty(s);
            }
        } else if (s.empty != null && (quick || ++s.sleepiness > SLEEPINESS_TRIGGER)) {
            noteEmpty(s);
        }
        return p;
    }

    /** Clears the empty signal, unless the pusher added a packet meanwhile. */
    private void noteEmpty(State s) {
        s.empty.set(false);
        if (ring.size() > 0) {
            s.empty.set(true);
        }
    }

    private void freeAll() {
        for (Packet p; (p = ring.poll()) != null; ) {
            p.kill();
        }
    }

    /** Runs after the workers have stopped, so this thread may act as the consumer. */
    @Override
    public void cleanup() {
        freeAll();
    }

    @Override
    public int length() {
        return ring.size();
    }

    @Override
    public int capacity() {
        return state.capacity;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("length", ring::size);
        h.readLong("highwater_length", ring::highWater);
        h.readWrite("capacity", () -> Integer.toString(s.capacity), v -> {
            int capacity = HandlerValues.integer("capacity", v, 1, Integer.MAX_VALUE);
            if (capacity > ring.capacity()) {
                throw new HandlerException("capacity: at most " + ring.capacity()
                        + " (the ring allocated at configuration); configure a larger CAPACITY");
            }
            s.capacity = capacity;
            if (s.nonfull != null) {
                s.nonfull.set(ring.size() < capacity);
            }
        });
        h.readLong("drops", () -> s.drops);
        h.write("reset_counts", v -> {
            s.drops = 0;
            ring.resetHighWater();
        });
        h.write("reset", v -> s.resetRequests++);
    }
}
