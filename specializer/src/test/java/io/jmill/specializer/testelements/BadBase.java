package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Deliberately bad superclass: declares a non-final instance field between its subclasses and SimpleElement. */
public abstract class BadBase extends SimpleElement {
    protected final long[] counter = new long[1];
    protected long seen;

    protected BadBase(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        counter[0]++;
        seen++;
        return p;
    }
}
