package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
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
public final class MixedQueue extends DequeQueue {
    public MixedQueue(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        if (port == 0) {
            drop(deque.offerLast(p) ? null : p);
            return;
        }
        Packet evicted = null;
        boolean refused;
        synchronized (deque) {
            if (deque.full()) {
                evicted = deque.pollLast();
            }
            refused = !deque.offerFirst(p); // still full: the capacity was lowered below the length
        }
        drop(evicted);
        drop(refused ? p : null);
    }
}
