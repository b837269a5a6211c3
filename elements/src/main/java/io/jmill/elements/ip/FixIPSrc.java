package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Sets the IP source address if the Fix IP Source annotation asks for it.
 *
 * <pre>FixIPSrc(IPADDR)</pre>
 *
 * <p>Expects IP packets with the network header annotation set. If a packet's Fix IP Source
 * annotation is set, clears it, changes the IP source address to IPADDR and recomputes the header
 * checksum. Other packets pass unchanged. Elements such as {@code ICMPError} set the annotation,
 * because the standards want such packets to carry the address of the outgoing interface; place
 * FixIPSrc on each interface's output path with that interface's address.
 *
 * <p>A packet whose IP header does not fit in it has only the annotation cleared.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>... -&gt; FixIPSrc(10.0.0.1) -&gt; ... -&gt; ToDevice(eth0);</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class FixIPSrc extends SimpleElement {
    private final int address;

    public FixIPSrc(ElementConfig c) {
        super(c);
        address = c.args().mandatoryPositional("IPADDR").ipAddress(0);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.fixIpSrc() && p.hasNetworkHeader()) {
            p.setFixIpSrc(false);
            if (Ip.hasBasicHeader(p)) {
                int nh = p.networkHeaderOffset();
                int hlen = Ip.headerLength(p, nh);
                if (hlen >= Ip.MIN_HEADER && nh + hlen <= p.length()) {
                    p.setU32(nh + 12, address);
                    Ip.setHeaderChecksum(p, nh, hlen);
                }
            }
        }
        return p;
    }
}
