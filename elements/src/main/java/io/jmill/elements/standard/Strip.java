package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Strips bytes from the front of packets.
 *
 * <pre>Strip(LENGTH)</pre>
 *
 * <p>Deletes the first LENGTH bytes of each packet (all of them, if the packet is shorter). The
 * bytes stay in the buffer as headroom, so {@code Unstrip} can put them back.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example: get rid of the Ethernet header.
 * <pre>Strip(14)</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Strip extends SimpleElement {
    private final int length;

    public Strip(ElementConfig c) {
        super(c);
        length = c.args().mandatoryPositional("LENGTH").integer(0, 0, Packet.capacity());
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.pull(length);
        return p;
    }
}
