package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Sets the UDP checksum.
 *
 * <pre>SetUDPChecksum()</pre>
 *
 * <p>Expects UDP/IP packets with the network and transport header annotations set (the protocol
 * field is not checked). Computes the UDP checksum from scratch over the UDP length and the
 * pseudo-header built from the IP header, and stores it; a computed checksum of 0 is sent as
 * 0xFFFF, since 0 means "no checksum" (RFC 768).
 *
 * <p>IP fragments, and packets whose UDP header or UDP length does not fit in the packet, go to
 * output 1, or are dropped (with a message the first time) if output 1 is not connected.
 *
 * <p>With a loose or strict source route option, the pseudo-header's destination is the route's
 * final destination, its last address (RFC 791, RFC 1122 4.2.2.7), as in Click; the header's
 * destination field holds the next hop.
 *
 * <p>Ports: one input, agnostic; one or two outputs, output 0 agnostic, output 1 push.
 *
 * <p>Handlers (a JMill addition):
 * <ul>
 * <li>{@code drops} (read): packets sent to output 1 or dropped.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; MarkIPHeader(14) -&gt; SetUDPChecksum -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class SetUDPChecksum extends ClassifyingElement {
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public SetUDPChecksum(ElementConfig c) {
        super(c);
    }

    @Override
    protected int classify(int port, Packet p) {
        if (!Ip.hasBasicHeader(p) || !p.hasTransportHeader()) {
            return bad(p);
        }
        int nh = p.networkHeaderOffset();
        int uh = p.transportHeaderOffset();
        int available = p.length() - uh;
        if ((p.u16(nh + 6) & (Ip.MF | Ip.OFFSET_MASK)) != 0 || uh < nh || available < 8) {
            return bad(p);
        }
        int len = p.u16(uh + 4);
        if (len < 8 || available < len) {
            return bad(p);
        }
        p.setU16(uh + 6, 0);
        int sum = Checksum.pseudoHeader(p.u32(nh + 12), Ip.pseudoHeaderDestination(p, nh), p.u8(nh + 9), len);
        int c = Checksum.finish(Checksum.add(sum, p, uh, len));
        p.setU16(uh + 6, c == 0 ? 0xFFFF : c);
        return 0;
    }

    private int bad(Packet p) {
        if (state.drops++ == 0 && noutputs() < 2) {
            System.err.println(name() + ": fragment or short packet");
        }
        return checkedPort(1, p);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
