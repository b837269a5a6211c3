package io.jmill.engine.element;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

/**
 * An agnostic one-in, one-out element defined by what it does to one packet (Click's
 * {@code simple_action}): return the packet (possibly changed) to pass it on, or kill it and
 * return null to drop it. Works pushed or pulled; a pushed batch is processed in place and handed
 * on whole (the packets {@code simpleAction} passed on, in order). An element that sends some
 * packets out of another output is a {@link ClassifyingElement}, which keeps them in order with
 * the rest.
 */
public abstract class SimpleElement extends Element {
    protected SimpleElement(ElementConfig config) {
        super(config);
    }

    /** Processes one packet; returns it to pass it on, or null after killing (or keeping) it. */
    protected abstract Packet simpleAction(Packet p);

    @Override
    public void push(int port, Packet p) {
        Packet q = simpleAction(p);
        if (q != null) {
            output(0, q);
        }
    }

    @Override
    public void pushBatch(int port, PacketBatch batch) {
        int n = batch.size();
        int kept = 0;
        int i = 0;
        try {
            for (; i < n; i++) {
                Packet q = simpleAction(batch.get(i));
                if (q != null) {
                    batch.set(kept++, q);
                }
            }
        } catch (Throwable t) {
            batch.kill(0, kept);
            batch.kill(i + 1, n);
            throw t;
        }
        if (kept > 0) {
            batch.truncate(kept);
            outputBatch(0, batch);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        return p == null ? null : simpleAction(p);
    }
}
