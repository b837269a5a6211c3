package io.jmill.engine.element;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

/**
 * An element that sends each packet out of one output chosen per packet (Click's classifiers,
 * route lookups, output paths, and checkers with an output for the packets they reject): it is
 * defined by {@link #classify}, which picks the output or takes care of the packet itself.
 *
 * <p>A pushed batch is split into runs of consecutive packets classified to the same output; each
 * run goes on as one batch as soon as the next packet's output differs, so packets leave in the
 * order they came, as in Click, whatever paths join again downstream. Traffic that mostly goes
 * one way stays in long batches; traffic that alternates outputs at every packet goes on one
 * packet at a time.
 *
 * <p>Pulled (output 0 agnostic, one input), the element pulls a packet and returns it if it is
 * classified to output 0; a packet classified elsewhere is pushed out of that output and the pull
 * returns null, as Click's {@code simple_action} elements do.
 */
public abstract class ClassifyingElement extends Element {
    protected ClassifyingElement(ElementConfig config) {
        super(config);
    }

    /**
     * Classifies {@code p}, pushed into input {@code port}: returns the output to push it out of,
     * or a negative number after killing it, keeping it or pushing it out itself.
     */
    protected abstract int classify(int port, Packet p);

    /**
     * Returns {@code port} if this element has that output; else kills {@code p} and returns -1
     * (Click's {@code checked_output_push}): for the optional output of rejected packets.
     */
    protected final int checkedPort(int port, Packet p) {
        if (port < noutputs()) {
            return port;
        }
        p.kill();
        return -1;
    }

    @Override
    public void push(int port, Packet p) {
        int out = classify(port, p);
        if (out >= 0) {
            output(out, p);
        }
    }

    @Override
    public void pushBatch(int port, PacketBatch batch) {
        int n = batch.size();
        int run = -1;   // the output of the run being gathered at the front of the batch
        int kept = 0;   // its length
        int i = 0;
        Packet held = null; // classified, waiting for the run before it to be handed on
        try {
            for (; i < n; i++) {
                Packet p = batch.get(i);
                int out = classify(port, p);
                if (out < 0) {
                    continue;
                }
                if (out != run && kept > 0) {
                    // The run leaves first; the packets after i stay where they are.
                    held = p;
                    batch.truncate(kept);
                    kept = 0;
                    outputBatch(run, batch);
                    held = null;
                }
                run = out;
                batch.set(kept++, p);
            }
        } catch (Throwable t) {
            if (held != null) {
                held.kill();
            }
            batch.kill(0, kept);
            batch.kill(i + 1, n);
            throw t;
        }
        if (kept > 0) {
            batch.truncate(kept);
            outputBatch(run, batch);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null) {
            return null;
        }
        int out = classify(0, p);
        if (out == 0) {
            return p;
        }
        if (out > 0) {
            output(out, p);
        }
        return null;
    }
}
