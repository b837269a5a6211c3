package io.jmill.engine.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test pull-only pass-through. */
@ElementInfo(ports = "1/1", processing = "l/l")
public final class TPull extends SimpleElement {
    public TPull(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        return p;
    }
}
