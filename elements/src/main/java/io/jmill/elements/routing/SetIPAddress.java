package io.jmill.elements.routing;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Sets the destination IP address annotation.
 *
 * <pre>SetIPAddress(IP)</pre>
 *
 * <p>Sets the destination IP address annotation of every packet to the address IP, for example
 * to send everything to one next hop through {@code ARPQuerier}. Click's ANNO argument (a
 * different annotation to set) is not supported.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>... -&gt; SetIPAddress(10.0.0.1) -&gt; arpq :: ARPQuerier(10.0.0.2, 00:1b:21:3a:4f:5c) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SetIPAddress extends SimpleElement {
    private final int address;

    public SetIPAddress(ElementConfig c) {
        super(c);
        address = c.args().mandatoryPositional("IP").ipAddress(0);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.setDstIpAnno(address);
        return p;
    }
}
