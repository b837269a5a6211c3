package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test element: paints each packet with its number modulo MOD, and sets a few other annotations. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class PaintByNumber extends SimpleElement {
    private final int mod;

    public PaintByNumber(ElementConfig c) {
        super(c);
        mod = c.args().mandatoryPositional("MOD").integer(0, 1, 256);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int n = p.u32(0);
        p.setPaint(Integer.remainderUnsigned(n, mod));
        p.setDstIpAnno(n ^ 0x0A000000);
        p.setNetworkHeader(14, 20);
        p.setAggregate(p.networkHeaderOffset() + p.networkHeaderLength() + p.length());
        return p;
    }
}
