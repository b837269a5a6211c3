package io.jmill.engine.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test element: throws on a packet whose first byte is 0xEE, passes the others. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class TThrow extends SimpleElement {
    public TThrow(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.u8(0) == 0xEE) {
            throw new IllegalStateException("TThrow: packet marked 0xEE");
        }
        return p;
    }
}
