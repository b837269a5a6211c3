package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * The state DelayShaper and DelayUnqueue share: the delay, which their {@code delay} handler reads
 * and writes, and the packet pulled before it was due, held until it is.
 */
class HeldDelay {
    volatile long delayNanos;
    /** Touched by the puller only. */
    Packet held;

    /** Frees the held packet, if any (the element's cleanup). */
    final void freeHeld() {
        Packet p = held;
        if (p != null) {
            held = null;
            p.kill();
        }
    }

    /** The {@code delay} read/write handler, in seconds. */
    final void addDelayHandler(Handlers h) {
        h.readWrite("delay", () -> HandlerValues.seconds(delayNanos),
                v -> delayNanos = HandlerValues.parse("delay", v, a -> a.durationNanos(0)));
    }
}
