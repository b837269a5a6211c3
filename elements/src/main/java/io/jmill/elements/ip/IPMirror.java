package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Swaps the IP source and destination addresses, and the TCP or UDP ports.
 *
 * <pre>IPMirror([DST_ANNO])</pre>
 *
 * <p>Expects IP packets with the network header annotation set. Swaps the source and destination
 * addresses, and for the first fragment of a TCP or UDP packet the source and destination ports.
 * The checksums stay valid (a swap does not change a one's-complement sum). With DST_ANNO true
 * (the default), the destination-IP annotation is set to the new destination.
 *
 * <p>Packets without a complete IP header are passed on unchanged.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example (a reflector):
 * <pre>FromDevice(eth0) -&gt; Strip(14) -&gt; CheckIPHeader -&gt; IPMirror -&gt; EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2) -&gt; ToDevice(eth0);</pre>
 *
 * <p>See also: EtherMirror, ICMPPingResponder.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class IPMirror extends SimpleElement {
    private final boolean dstAnno;

    public IPMirror(ElementConfig c) {
        super(c);
        dstAnno = c.args().positional("DST_ANNO").bool(true);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!Ip.hasBasicHeader(p)) {
            return p;
        }
        int nh = p.networkHeaderOffset();
        int src = p.u32(nh + 12);
        int dst = p.u32(nh + 16);
        p.setU32(nh + 12, dst);
        p.setU32(nh + 16, src);
        if (dstAnno) {
            p.setDstIpAnno(src);
        }
        int proto = p.u8(nh + 9);
        int th = nh + Ip.headerLength(p, nh);
        if ((proto == Ip.PROTO_TCP || proto == Ip.PROTO_UDP) && (p.u16(nh + 6) & Ip.OFFSET_MASK) == 0
                && th + 4 <= p.length()) {
            int ports = p.u32(th);
            p.setU32(th, (ports << 16) | (ports >>> 16));
        }
        return p;
    }
}
