package io.jmill.engine.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.concurrent.ConcurrentLinkedQueue;

/** Test queue: push in, pull out, unbounded. */
@ElementInfo(ports = "1/1", processing = "h/l")
public final class TQueue extends Element {
    private final ConcurrentLinkedQueue<Packet> queue = new ConcurrentLinkedQueue<>();

    public TQueue(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        queue.add(p);
    }

    @Override
    public Packet pull(int port) {
        return queue.poll();
    }

    @Override
    public void cleanup() {
        for (Packet p; (p = queue.poll()) != null; ) {
            p.kill();
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("length", queue::size);
    }
}
