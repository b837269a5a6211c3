package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Deliberately bad: counts in a plain field of the element, which a copy would not share. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class BadMutable extends SimpleElement {
    private long seen;

    public BadMutable(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        seen++;
        return p;
    }

    public long seen() {
        return seen;
    }
}
