package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test superclass between SimpleElement and its subclass, with a protected final state field. */
public abstract class CountingBase extends SimpleElement {
    protected final long[] counter = new long[1];

    protected CountingBase(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        counter[0]++;
        return p;
    }
}
