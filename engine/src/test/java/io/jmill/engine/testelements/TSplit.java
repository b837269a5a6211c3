package io.jmill.engine.testelements;

import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/** Test classifier: a packet whose first byte is k leaves output k; 0xFF is dropped, 0xEE throws. */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class TSplit extends ClassifyingElement {
    public TSplit(ElementConfig c) {
        super(c);
    }

    @Override
    protected int classify(int port, Packet p) {
        int k = p.u8(0);
        if (k == 0xEE) {
            throw new IllegalStateException("TSplit: packet marked 0xEE");
        }
        if (k == 0xFF) {
            p.kill();
            return -1;
        }
        return k;
    }
}
