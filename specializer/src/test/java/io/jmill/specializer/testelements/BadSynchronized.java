package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/** Deliberately bad: locks itself while pushing; a copy would lock another object. */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class BadSynchronized extends Element {
    public BadSynchronized(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        synchronized (this) {
            p.setPaint(2);
        }
        output(0, p);
    }
}
