package io.jmill.engine.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/** Test push element with 1 to 2 outputs: even-numbered packets to output 0, odd ones to 1 (if present). */
@ElementInfo(ports = "1/1-2", processing = "h/h")
public final class TSwitch extends Element {
    public TSwitch(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        checkedOutput(p.u32(0) & 1, p);
    }
}
