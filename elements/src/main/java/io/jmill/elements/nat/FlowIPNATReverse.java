package io.jmill.elements.nat;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Translates replies to a {@code FlowIPNAT}'s flows back to their original destination.
 *
 * <pre>FlowIPNATReverse(NAT)</pre>
 *
 * <p>NAT names the FlowIPNAT element whose flows this element reverses (looked up first in this
 * element's compound, then in the enclosing ones, as Click does). A TCP or UDP packet sent
 * to that element's SIP and to a port it gave a flow of the same protocol gets its destination
 * address and port rewritten to the flow's original source address and port, with incremental
 * checksum updates, and its destination IP annotation set to the new destination. Other packets
 * are dropped (counted in {@code drops}).
 *
 * <p>Unlike FastClick's, this element looks replies up by port in its FlowIPNAT's table and does
 * not need a FlowIPManager upstream. It reads that table without synchronization, so run it on the
 * same thread as its FlowIPNAT.
 *
 * <p>Ports: one input, one output; push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped.</li>
 * </ul>
 *
 * <p>Example: see {@code FlowIPNAT}.
 */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class FlowIPNATReverse extends Element implements DropCounter {
    private static final int TCP = 6;
    private static final int UDP = 17;

    private final String natName;
    private final State state = new State();

    /** Shared by the specialized copy; {@code nat} is resolved once, by {@link #initialize()}. */
    private static final class State {
        FlowIPNAT nat;
        long drops;
    }

    public FlowIPNATReverse(ElementConfig c) {
        super(c);
        natName = c.args().mandatoryPositional("NAT").string("");
    }

    @Override
    public void initialize() {
        Element e = findElement(natName);
        if (e == null) {
            throw new IllegalArgumentException("NAT: no element '" + natName + "'");
        }
        if (!(e instanceof FlowIPNAT n)) {
            throw new IllegalArgumentException("NAT: '" + natName + "' is a " + e.className() + ", not a FlowIPNAT");
        }
        state.nat = n;
    }

    @Override
    public void push(int port, Packet p) {
        FlowIPNAT nat = state.nat;
        FlowIPNAT.State ns = nat.state;
        int len = p.length();
        int nh = p.hasNetworkHeader() ? p.networkHeaderOffset() : -1;
        int th = nh < 0 ? -1 : p.transportHeaderOffset();
        if (nh < 0 || th < nh + 20 || th + 8 > len) {
            drop(p);
            return;
        }
        int proto = p.u8(nh + 9);
        if ((proto != TCP && proto != UDP) || (proto == TCP && th + 20 > len) || (p.u16(nh + 6) & 0x1FFF) != 0
                || p.u32(nh + 16) != nat.sip) {
            drop(p);
            return;
        }
        int dport = p.u16(th + 2);
        if (ns.portOwner[dport] == 0 || ns.portProto[dport] != proto) {
            drop(p);
            return;
        }
        int newDst = ns.portSrc[dport];
        int newPort = ns.portSport[dport];
        int ipd = IncrementalChecksum.addAddress(0, nat.sip, newDst);
        int l4d = IncrementalChecksum.fold(IncrementalChecksum.addWord(ipd, dport, newPort));
        ipd = IncrementalChecksum.fold(ipd);
        p.setU32(nh + 16, newDst);
        p.setU16(nh + 10, IncrementalChecksum.apply(p.u16(nh + 10), ipd));
        p.setU16(th + 2, newPort);
        if (proto == TCP) {
            p.setU16(th + 16, IncrementalChecksum.apply(p.u16(th + 16), l4d));
        } else {
            int c = p.u16(th + 6);
            if (c != 0) {
                p.setU16(th + 6, IncrementalChecksum.applyUdp(c, l4d));
            }
        }
        p.setDstIpAnno(newDst);
        output(0, p);
    }

    private void drop(Packet p) {
        state.drops++;
        p.kill();
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
