package io.jmill.engine.testing;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

import java.util.ArrayList;
import java.util.List;

/** A harness output: collects what is pushed to it, or pulls from upstream when the harness asks. */
@ElementInfo(ports = "1/0", processing = "a/a")
public final class HarnessSink extends Element {
    private final List<Packet> received = new ArrayList<>();
    /** The size of each batch pushed to it, in arrival order (packets pushed one by one are not in it). */
    private final List<Integer> batches = new ArrayList<>();

    public HarnessSink(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        received.add(p);
    }

    @Override
    public void pushBatch(int port, PacketBatch batch) {
        batches.add(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            received.add(batch.get(i));
        }
    }

    List<Integer> batches() {
        return batches;
    }

    /** Pulls once from upstream; a packet obtained is collected too. */
    Packet pullOnce() {
        Packet p = input(0);
        if (p != null) {
            received.add(p);
        }
        return p;
    }

    List<Packet> received() {
        return received;
    }

    @Override
    public void cleanup() {
        received.forEach(Packet::kill);
        batches.clear();
        received.clear();
    }
}
