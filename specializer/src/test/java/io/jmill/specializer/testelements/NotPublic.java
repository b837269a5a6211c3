package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Deliberately bad: not public. */
@ElementInfo(ports = "1/1", processing = "a/a")
final class NotPublic extends SimpleElement {
    public NotPublic(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        return p;
    }
}
