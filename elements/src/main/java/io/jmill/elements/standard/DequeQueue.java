package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;

/**
 * What the queues over a {@link PacketDeque} share (FrontDropQueue, MixedQueue): the CAPACITY
 * argument, pulling from the front, the drop count and Queue's handlers. Subclasses decide where a
 * pushed packet goes and which packet a full queue gives up ({@link #drop}).
 */
abstract class DequeQueue extends Element implements DropCounter {
    protected final PacketDeque deque;
    private final State state = new State();

    private static final class State {
        volatile long drops;
    }

    protected DequeQueue(ElementConfig c) {
        super(c);
        deque = new PacketDeque(c.args().positional("CAPACITY").integer(1000, 1, 1 << 24));
    }

    /** Counts and kills {@code p}, the packet the queue had no room for; nothing if it is null. */
    protected final void drop(Packet p) {
        if (p != null) {
            state.drops++;
            SimulatedTime.wasted(1);
            p.kill();
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
