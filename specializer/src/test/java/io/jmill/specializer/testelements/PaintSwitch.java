package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/** Test switch: sends each packet to the output its paint annotation names; other paints are dropped. */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class PaintSwitch extends Element {
    public PaintSwitch(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        checkedOutput(p.paint(), p);
    }
}
