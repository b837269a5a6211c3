package io.jmill.engine.element;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

/**
 * A push element that sends each packet out of one output chosen per packet (Click's classifiers,
 * route lookups, output paths): it is defined by {@link #classify}, which picks the output or
 * takes care of the packet itself.
 *
 * <p>A pushed batch is split the way traffic usually divides, with one output taking most of it:
 * the packets classified to the output of the batch's first forwarded packet stay in the batch,
 * in order, and go on together; any other packet is pushed on its own as soon as it is
 * classified. So packets of different outputs may be reordered relative to each other (as in
 * FastClick, where a classified batch leaves output by output); packets of one output never are.
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
        int main = -1;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Packet p = batch.get(i);
            int out = classify(port, p);
            if (out < 0) {
                continue;
            }
            if (out == main || main < 0) {
                main = out;
                batch.set(kept++, p);
            } else {
                output(out, p);
            }
        }
        if (kept > 0) {
            batch.truncate(kept);
            outputBatch(main, batch);
        }
    }
}
