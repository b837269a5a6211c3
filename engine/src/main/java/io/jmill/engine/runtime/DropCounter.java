package io.jmill.engine.runtime;

/** An element that drops packets for lack of room (queues, sources out of buffers); the progress report sums these. */
public interface DropCounter {
    long drops();
}
