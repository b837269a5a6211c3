package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;

import java.util.function.LongSupplier;

/** The handlers of the deque-based queues: length, highwater_length, capacity, drops. */
final class QueueHandlers {
    private QueueHandlers() {
    }

    static void add(Handlers h, PacketDeque deque, LongSupplier drops) {
        h.readLong("length", deque::size);
        h.readLong("highwater_length", deque::highWater);
        h.readWrite("capacity", () -> Integer.toString(deque.capacity()), v -> {
            int capacity = HandlerValues.integer("capacity", v, 1, Integer.MAX_VALUE);
            if (capacity > deque.maxCapacity()) {
                throw new HandlerException("capacity: at most " + deque.maxCapacity()
                        + " (allocated at configuration); configure a larger CAPACITY");
            }
            deque.setCapacity(capacity);
        });
        h.readLong("drops", drops);
    }
}
