package io.jmill.elements.ip;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Processes the IP options every router must process.
 *
 * <pre>IPGWOptions(MYADDR [, OTHERADDRS])</pre>
 *
 * <p>Expects IP packets with the network header annotation set. Processes the options that every
 * router handles, not just the destination: Record Route and Timestamp (RFC 791; source routes are
 * not processed). MYADDR is the router's address on the interface downstream of the element, so
 * IPGWOptions belongs on the output path (RFC 1812 4.2.2.2).
 * <ul>
 * <li>Record Route: if there is room, MYADDR is stored at the pointer and the pointer advances by
 *     4; a full option is left alone.</li>
 * <li>Timestamp: flag 0 stores a timestamp (milliseconds since midnight UT), flag 1 MYADDR and a
 *     timestamp, flag 3 a timestamp if the prespecified address is MYADDR or one of OTHERADDRS; if
 *     the option is full, its overflow count is incremented.</li>
 * </ul>
 * The header checksum is recomputed when such an option is present. Packets without options pass
 * unchanged.
 *
 * <p>A malformed option (bad length, bad pointer, unknown timestamp flag, overflow count already
 * 15) sends the packet to output 1 (or drops it if output 1 is not connected) with its ICMP
 * parameter problem annotation set to the offset of the bad byte from the start of the IP header,
 * for {@code ICMPError(ADDR, parameterproblem)}. A packet without the network header annotation,
 * or whose header does not fit in it, is dropped and counted.
 *
 * <p>Ports: one input, agnostic; one or two outputs, output 0 agnostic, output 1 push.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code MYADDR}: IP address. This interface's address.</li>
 * <li>{@code OTHERADDRS}: space-separated list of IP addresses. The router's other addresses, for
 *     the prespecified Timestamp flag. Default empty.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets with bad options (and packets without an IP header).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; gw :: IPGWOptions(10.0.0.1) -&gt; FixIPSrc(10.0.0.1) -&gt; ...
 * gw[1] -&gt; ICMPError(10.0.0.1, parameterproblem) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class IPGWOptions extends ClassifyingElement {
    private final int myAddr;
    private final int[] myAddrs;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public IPGWOptions(ElementConfig c) {
        super(c);
        Args args = c.args();
        myAddr = args.mandatoryPositional("MYADDR").ipAddress(0);
        int[] others = AddressLists.addresses(args, args.positional("OTHERADDRS"));
        myAddrs = java.util.Arrays.copyOf(others, others.length + 1);
        myAddrs[others.length] = myAddr;
    }

    @Override
    protected int classify(int port, Packet p) {
        if (!Ip.hasBasicHeader(p)) {
            state.drops++;
            p.kill();
            return -1;
        }
        int nh = p.networkHeaderOffset();
        int hlen = Ip.headerLength(p, nh);
        if (hlen <= Ip.MIN_HEADER) {
            return 0;
        }
        if (nh + hlen > p.length()) {
            state.drops++;
            p.kill();
            return -1;
        }
        int r = GatewayOptions.process(p, nh, hlen, myAddr, myAddrs);
        if (r == GatewayOptions.CHANGED) {
            Ip.setHeaderChecksum(p, nh, hlen);
        } else if (r >= 0) {
            state.drops++;
            p.setIcmpParamProb(r);
            return checkedPort(1, p);
        }
        return 0;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
