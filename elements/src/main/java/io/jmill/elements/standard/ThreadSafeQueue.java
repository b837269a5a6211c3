package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores packets in a FIFO queue that any number of threads may push to and pull from.
 *
 * <pre>ThreadSafeQueue([CAPACITY])</pre>
 *
 * <p>Queue's behaviour (drops when full, counted and sent to output 1 if connected; default
 * CAPACITY 1000) for graphs where several worker threads push into the queue, or several pull from
 * it: a lock-free many-producer, many-consumer ring. Queue itself allows one pushing and one pulling
 * thread at a time and is cheaper; use it when that holds. With several producers the capacity is
 * approximate: a push that races others may take the queue a few packets over CAPACITY (never over
 * the ring, CAPACITY rounded up to a power of two).
 *
 * <p>Ports: one push input; output 0 pull, optional output 1 (drops) push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code length} (read): packets in the queue now.</li>
 * <li>{@code highwater_length} (read): most packets seen in the queue at once.</li>
 * <li>{@code capacity} (read/write): the capacity, up to the ring allocated at configuration.</li>
 * <li>{@code drops} (read): packets dropped because the queue was full.</li>
 * <li>{@code reset_counts} (write): set {@code drops} and {@code highwater_length} to 0.</li>
 * <li>{@code reset} (write): drop every packet in the queue.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src0 -&gt; q :: ThreadSafeQueue(4096);  src1 -&gt; q;  q -&gt; Unqueue -&gt; out;</pre>
 *
 * <p>See also: Queue (SimpleQueue).
 */
@ElementInfo(ports = "1/1-2", processing = "h/lh")
public final class ThreadSafeQueue extends Element implements DropCounter, Storage {
    private final ManyToManyConcurrentArrayQueue<Packet> ring;
    private final State state = new State();

    private static final class State {
        volatile int capacity;
        final AtomicLong drops = new AtomicLong();
        volatile int highWater;
    }

    public ThreadSafeQueue(ElementConfig c) {
        super(c);
        int capacity = c.args().positional("CAPACITY").integer(Queue.DEFAULT_CAPACITY, 1, 1 << 30);
        ring = new ManyToManyConcurrentArrayQueue<>(Math.max(2, capacity));
        state.capacity = capacity;
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int size = ring.size();
        if (size >= s.capacity || !ring.offer(p)) {
            s.drops.incrementAndGet();
            SimulatedTime.wasted(1);
            checkedOutput(1, p);
            return;
        }
        if (size + 1 > s.highWater) {
            s.highWater = size + 1;
        }
    }

    @Override
    public Packet pull(int port) {
        return ring.poll();
    }

    @Override
    public void cleanup() {
        for (Packet p; (p = ring.poll()) != null; ) {
            p.kill();
        }
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
        return state.drops.get();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("length", ring::size);
        h.readLong("highwater_length", () -> s.highWater);
        h.readWrite("capacity", () -> Integer.toString(s.capacity), v -> {
            int capacity = HandlerValues.integer("capacity", v, 1, Integer.MAX_VALUE);
            if (capacity > ring.capacity()) {
                throw new HandlerException("capacity: at most " + ring.capacity()
                        + " (the ring allocated at configuration); configure a larger CAPACITY");
            }
            s.capacity = capacity;
        });
        h.readLong("drops", s.drops::get);
        h.write("reset_counts", v -> {
            s.drops.set(0);
            s.highWater = 0;
        });
        h.write("reset", v -> cleanup());
    }
}
