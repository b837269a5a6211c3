package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * A planted bug, to show that the fuzz suites catch one: paints each packet with the byte just past
 * its end (a read outside the packet), and with OFFSET n reads at data offset n whatever the length.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class PeekPastEnd extends SimpleElement {
    private final int offset;

    public PeekPastEnd(ElementConfig c) {
        super(c);
        offset = c.args().keyword("OFFSET").integer(-1);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.setPaint(p.u8(offset >= 0 ? offset : p.length()));
        return p;
    }
}
