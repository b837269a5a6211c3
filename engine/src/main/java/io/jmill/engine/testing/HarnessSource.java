package io.jmill.engine.testing;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A harness input: packets given to the harness enter the graph here. Pushed at once when its
 * output is push; queued for the downstream element to pull when its output is pull.
 */
@ElementInfo(ports = "0/1", processing = "a/a")
public final class HarnessSource extends Element {
    private final ArrayDeque<Packet> queue = new ArrayDeque<>();

    public HarnessSource(ElementConfig c) {
        super(c);
    }

    void inject(Packet p) {
        if (outputIsPush(0)) {
            output(0, p);
        } else {
            queue.add(p);
        }
    }

    /** Pushes the packets as one batch (queues them one by one when the output is pull). */
    void injectBatch(List<Packet> packets) {
        if (!outputIsPush(0)) {
            queue.addAll(packets);
            return;
        }
        PacketBatch b = new PacketBatch(packets.size());
        packets.forEach(b::add);
        outputBatch(0, b);
    }

    @Override
    public Packet pull(int port) {
        return queue.poll();
    }

    @Override
    public void cleanup() {
        queue.forEach(Packet::kill);
        queue.clear();
    }
}
