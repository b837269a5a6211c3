package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;

/**
 * Stores packets in a queue, FIFO on input 0 and LIFO on input 1.
 *
 * <pre>MixedQueue([CAPACITY])</pre>
 *
 * <p>Packets pushed on input 0 join the back of the queue; if it already holds CAPACITY packets,
 * the new packet is dropped. Packets pushed on input 1 go to the front, and are the next to be
 * pulled; if the queue is full, the packet at the back is dropped to make room. Pulls take packets
 * from the front. The default CAPACITY is 1000. Dropped packets are counted.
 *
 * <p>Ports: two push inputs, one pull output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code length} (read): packets in the queue now.</li>
 * <li>{@code highwater_length} (read): most packets ever in the queue at once.</li>
 * <li>{@code capacity} (read/write): the capacity, up to the CAPACITY configured.</li>
 * <li>{@code drops} (read): packets dropped.</li>
 * </ul>
 *
 * <p>Example: urgent packets overtake the others.
 * <pre>normal -&gt; [0]m :: MixedQueue(100) -&gt; Unqueue -&gt; out;  urgent -&gt; [1]m;</pre>
 *
 * <p>See also: Queue, FrontDropQueue.
 */
@ElementInfo(ports = "2/1", processing = "h/l")
public final class MixedQueue extends Element implements DropCounter {
    private final PacketDeque deque;
    private final State state = new State();

    private static final class State {
        volatile long drops;
    }

    public MixedQueue(ElementConfig c) {
        super(c);
        deque = new PacketDeque(c.args().positional("CAPACITY").integer(1000, 1, 1 << 24));
    }

    @Override
    public void push(int port, Packet p) {
        Packet dropped;
        if (port == 0) {
            dropped = deque.offerLast(p) ? null : p;
        } else {
            dropped = null;
            synchronized (deque) {
                if (deque.full()) {
                    dropped = deque.pollLast();
                }
                if (!deque.offerFirst(p)) {
                    dropped = p; // a capacity of 0 after a handler write
                }
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
