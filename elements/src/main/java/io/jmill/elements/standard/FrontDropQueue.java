package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
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
public final class FrontDropQueue extends DequeQueue {
    public FrontDropQueue(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        Packet evicted = null;
        boolean refused;
        synchronized (deque) {
            if (deque.full()) {
                evicted = deque.pollFirst();
            }
            refused = !deque.offerLast(p); // still full: the capacity was lowered below the length
        }
        drop(evicted);
        drop(refused ? p : null);
    }
}
