package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * The usual steps of an IP router's output path, in one element.
 *
 * <pre>IPOutputCombo(COLOR, IPADDR, MTU)</pre>
 *
 * <p>Expects IP packets with the network header annotation set. Equivalent to
 * <pre>
 * elementclass IPOutputCombo { $COLOR, $IPADDR, $MTU |
 *   input[0] -&gt; DropBroadcasts
 *         -&gt; p :: PaintTee($COLOR)
 *         -&gt; g :: IPGWOptions($IPADDR)
 *         -&gt; FixIPSrc($IPADDR)
 *         -&gt; d :: DecIPTTL
 *         -&gt; l :: CheckLength($MTU)
 *         -&gt; [0]output;
 *   p[1] -&gt; [1]output;
 *   g[1] -&gt; [2]output;
 *   d[1] -&gt; [3]output;
 *   l[1] -&gt; [4]output;
 * }</pre>
 * in this order:
 * <ol>
 * <li>link-level broadcasts and multicasts (packet type annotation) are dropped;</li>
 * <li>if the paint annotation equals COLOR, a copy goes to output 1 (the packet is going back out
 *     of the interface it came in on: connect an ICMP redirect there) and the packet carries on;</li>
 * <li>Record Route and Timestamp options are processed as IPGWOptions does with MYADDR = IPADDR;
 *     a bad option sends the packet to output 2 with its ICMP parameter problem annotation set;</li>
 * <li>if the Fix IP Source annotation is set, it is cleared and the source becomes IPADDR;</li>
 * <li>if the TTL is at most 1 the packet goes to output 3; otherwise it is decremented;</li>
 * <li>a packet longer than MTU bytes (its whole length) goes to output 4, usually to an
 *     IPFragmenter;</li>
 * <li>everything else leaves on output 0.</li>
 * </ol>
 * The header checksum is kept valid. IPOutputCombo does not fragment.
 *
 * <p>A packet without the network header annotation, or whose header does not fit in it, is
 * dropped and counted in {@code drops}; so are broadcasts, and copies for output 1 that the pool
 * could not provide.
 *
 * <p>Ports: one input, five outputs, all push.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code COLOR}: integer 0-255. The paint color of packets that arrived on this interface.</li>
 * <li>{@code IPADDR}: IP address. This interface's address.</li>
 * <li>{@code MTU}: unsigned integer. This interface's MTU.</li>
 * </ul>
 *
 * <p>Handlers (a JMill addition):
 * <ul>
 * <li>{@code drops} (read): packets dropped, as described above.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>rt[0] -&gt; oc :: IPOutputCombo(1, 10.0.0.1, 1500) -&gt; arpq :: ARPQuerier(...);
 * oc[1] -&gt; ICMPError(10.0.0.1, redirect, host) -&gt; rt;
 * oc[2] -&gt; ICMPError(10.0.0.1, parameterproblem) -&gt; rt;
 * oc[3] -&gt; ICMPError(10.0.0.1, timeexceeded) -&gt; rt;
 * oc[4] -&gt; IPFragmenter(1500) -&gt; arpq;</pre>
 */
@ElementInfo(ports = "1/5", processing = "h/h")
public final class IPOutputCombo extends ClassifyingElement {
    private final int color;
    private final int myAddr;
    private final int[] myAddrs;
    private final int mtu;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public IPOutputCombo(ElementConfig c) {
        super(c);
        Args args = c.args();
        color = args.mandatoryPositional("COLOR").integer(0, 0, 255);
        myAddr = args.mandatoryPositional("IPADDR").ipAddress(0);
        mtu = args.mandatoryPositional("MTU").integer(0, 0, Integer.MAX_VALUE);
        myAddrs = new int[] {myAddr};
    }

    @Override
    protected int classify(int port, Packet p) {
        int type = p.packetType();
        if (type == Packet.BROADCAST || type == Packet.MULTICAST || !Ip.hasBasicHeader(p)) {
            drop(p);
            return -1;
        }
        int nh = p.networkHeaderOffset();
        int hlen = Ip.headerLength(p, nh);
        if (hlen < Ip.MIN_HEADER || nh + hlen > p.length()) {
            drop(p);
            return -1;
        }

        if (p.paint() == color) {
            Packet copy = p.clone();
            if (copy != null) {
                output(1, copy);
            } else {
                state.drops++;
            }
        }

        boolean recompute = false;
        if (hlen > Ip.MIN_HEADER) {
            int r = GatewayOptions.process(p, nh, hlen, myAddr, myAddrs);
            if (r >= 0) {
                p.setIcmpParamProb(r);
                return 2;
            }
            recompute = r == GatewayOptions.CHANGED;
        }

        if (p.fixIpSrc()) {
            p.setFixIpSrc(false);
            p.setU32(nh + 12, myAddr);
            recompute = true;
        }
        if (recompute) {
            Ip.setHeaderChecksum(p, nh, hlen);
        }

        int ttlProto = p.u16(nh + 8);
        if (ttlProto < 0x200) {
            return 3;
        }
        int decremented = ttlProto - 0x100;
        p.setU16(nh + 8, decremented);
        p.setU16(nh + 10, Checksum.update16(p.u16(nh + 10), ttlProto, decremented));

        if (p.length() > mtu) {
            return 4;
        }
        return 0;
    }

    private void drop(Packet p) {
        state.drops++;
        p.kill();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
