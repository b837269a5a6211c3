package io.jmill.profiler;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test element: writes 0, 1, 2, ... into the packets' sequence annotation. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Numbering extends SimpleElement {
    private final int[] next = new int[1];

    public Numbering(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.setSequence(next[0]++);
        return p;
    }
}
