package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/** Test switch with a computed port: packet number modulo the number of outputs. */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class ParitySwitch extends Element {
    private final int n;

    public ParitySwitch(ElementConfig c) {
        super(c);
        n = c.noutputs();
    }

    @Override
    public void push(int port, Packet p) {
        output(Integer.remainderUnsigned(p.u32(0), n), p);
    }
}
