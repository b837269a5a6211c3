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
 * {@code SimpleQueue}, {@code NotifierQueue} and {@code FullNoteQueue}: Click's variants differ in
 * the empty and full notifications they send to the tasks around them, and JMill's pulling tasks
 * poll instead, so the four are the same here. (Under simulated time, packets a full queue drops
 * do not count as work, which stands for the full notification.)
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
@ElementInfo(ports = "1/1-2", processing = "h/lh", aliases = {"SimpleQueue", "NotifierQueue", "FullNoteQueue"})
public final class Queue extends Element implements DropCounter, Storage {
    /** Default CAPACITY, as in Click. */
    public static final int DEFAULT_CAPACITY = 1000;

    private final PacketRing ring;
    private final State state = new State();

    private static final class State {
        volatile int capacity;
        /** Written by the pushing thread. */
        long drops;
        /** Incremented by the {@code reset} handler; the puller catches up by freeing the queue. */
        volatile int resetRequests;
        /** Resets carried out, touched by the pulling thread only. */
        int resetsDone;
    }

    public Queue(ElementConfig c) {
        super(c);
        int capacity = c.args().positional("CAPACITY").integer(DEFAULT_CAPACITY, 1, 1 << 30);
        ring = new PacketRing(capacity);
        state.capacity = capacity;
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        if (!ring.offer(p, s.capacity)) {
            s.drops++;
            SimulatedTime.wasted(1);
            checkedOutput(1, p);
        }
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        if (s.resetRequests != s.resetsDone) {
            s.resetsDone = s.resetRequests;
            freeAll();
        }
        return ring.poll();
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
        });
        h.readLong("drops", () -> s.drops);
        h.write("reset_counts", v -> {
            s.drops = 0;
            ring.resetHighWater();
        });
        h.write("reset", v -> s.resetRequests++);
    }
}
