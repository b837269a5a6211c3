package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

import java.util.concurrent.atomic.AtomicLong;

/** Deliberately bad superclass: its data-plane code uses a private static field, private to its own nest. */
public abstract class BadPrivateStaticBase extends SimpleElement {
    private static final AtomicLong TOTAL = new AtomicLong();

    protected BadPrivateStaticBase(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        TOTAL.incrementAndGet();
        return p;
    }
}
