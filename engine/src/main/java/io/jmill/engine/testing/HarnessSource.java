package io.jmill.engine.testing;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

import java.util.ArrayDeque;

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
