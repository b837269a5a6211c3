package io.jmill.engine.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test element: drops packets whose first byte is odd, passes the others. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class TDropOdd extends SimpleElement {
    public TDropOdd(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if ((p.u8(0) & 1) != 0) {
            p.kill();
            return null;
        }
        return p;
    }
}
