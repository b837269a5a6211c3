package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;

/**
 * Stores packets in a FIFO queue that drops its oldest packet when full.
 *
 * <pre>FrontDropQueue([CAPACITY])</pre>
 *
 * <p>As Queue, but a packet that arrives while the queue holds CAPACITY packets is kept, and the
 * packet at the front (the oldest) is dropped instead. The default CAPACITY is 1000. Dropped
 * packets are counted.
 *
 * <p>Ports: one push input, one pull output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code length} (read): packets in the queue now.</li>
 * <li>{@code highwater_length} (read): most packets ever in the queue at once.</li>
 * <li>{@code capacity} (read/write): the capacity, up to the CAPACITY configured.</li>
 * <li>{@code drops} (read): packets dropped.</li>
 * </ul>
 *
 * <p>Example: keep the freshest readings.
 * <pre>sensor -&gt; FrontDropQueue(10) -&gt; RatedUnqueue(1) -&gt; out;</pre>
 *
 * <p>See also: Queue, MixedQueue.
 */
@ElementInfo(ports = "1/1", processing = "h/l")
public final class FrontDropQueue extends Element implements DropCounter {
    private final PacketDeque deque;
    private final State state = new State();

    private static final class State {
        volatile long drops;
    }

    public FrontDropQueue(ElementConfig c) {
        super(c);
        deque = new PacketDeque(c.args().positional("CAPACITY").integer(1000, 1, 1 << 24));
    }

    @Override
    public void push(int port, Packet p) {
        Packet dropped = null;
        synchronized (deque) {
            if (deque.full()) {
                dropped = deque.pollFirst();
            }
            if (!deque.offerLast(p)) {
                dropped = p;
            }
        }
        if (dropped != null) {
            state.drops++;
            SimulatedTime.wasted(1);
            dropped.kill();
        }
    }

    @Override
    public Packet pull(int port) {
        return deque.pollFirst();
    }

    @Override
    public void cleanup() {
        for (Packet p; (p = deque.pollFirst()) != null; ) {
            p.kill();
        }
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        QueueHandlers.add(h, deque, () -> state.drops);
    }
}
