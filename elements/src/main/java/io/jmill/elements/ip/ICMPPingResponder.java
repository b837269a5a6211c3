package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Answers ICMP echo requests.
 *
 * <pre>ICMPPingResponder</pre>
 *
 * <p>Expects IP packets with the network header annotation set. An ICMP echo request (type 8,
 * code 0, first fragment) is turned into its echo reply in place: the addresses are swapped, the
 * TTL becomes 255, the ICMP type becomes 0 with an incrementally updated ICMP checksum, the IP
 * checksum is recomputed, and the destination-IP annotation is set to the new destination; the
 * reply leaves on output 0. Every other packet leaves on output 1 if it is connected, and is
 * dropped otherwise.
 *
 * <p>Ports: one input, one or two outputs; agnostic, output 1 push. Pulled, a packet that is not an
 * echo request goes to output 1 (or is dropped) and the pull returns nothing.
 *
 * <p>Example:
 * <pre>ip :: IPClassifier(icmp type echo, -); ip[0] -&gt; ICMPPingResponder -&gt; rt;</pre>
 *
 * <p>See also: ICMPPingSource, ICMPPingEncap, IPMirror.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class ICMPPingResponder extends Element {
    public ICMPPingResponder(ElementConfig c) {
        super(c);
    }

    /** Turns an echo request into its reply; false (untouched) if the packet is not one. */
    private static boolean respond(Packet p) {
        if (!Ip.hasBasicHeader(p)) {
            return false;
        }
        int nh = p.networkHeaderOffset();
        int hlen = Ip.headerLength(p, nh);
        int th = nh + hlen;
        if (p.u8(nh + 9) != Ip.PROTO_ICMP || (p.u16(nh + 6) & Ip.OFFSET_MASK) != 0 || th + 8 > p.length()
                || p.u16(th) != 0x0800) {
            return false;
        }
        int src = p.u32(nh + 12);
        int dst = p.u32(nh + 16);
        p.setU32(nh + 12, dst);
        p.setU32(nh + 16, src);
        p.setU8(nh + 8, 255);
        Ip.setHeaderChecksum(p, nh, hlen);
        p.setU16(th, 0);
        int sum = Checksum.update16(p.u16(th + 2), 0x0800, 0);
        if (sum == 0) {
            // An incremental update cannot tell a message that sums to zero (checksum 0xFFFF) from
            // one that sums to 0xFFFF (checksum 0): recompute, as Click does.
            p.setU16(th + 2, 0);
            sum = Checksum.of(p, th, Math.min(p.u16(nh + 2) - hlen, p.length() - th));
        }
        p.setU16(th + 2, sum);
        p.setDstIpAnno(src);
        return true;
    }

    @Override
    public void push(int port, Packet p) {
        if (respond(p)) {
            output(0, p);
        } else {
            checkedOutput(1, p);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null || respond(p)) {
            return p;
        }
        checkedOutput(1, p);
        return null;
    }
}
