package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test element whose specialized copy throws (it checks whether it runs as a hidden class); the generic one passes packets. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Thrower extends SimpleElement {
    public Thrower(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (getClass().isHidden()) {
            throw new IllegalStateException("thrown by the specialized copy");
        }
        return p;
    }
}
