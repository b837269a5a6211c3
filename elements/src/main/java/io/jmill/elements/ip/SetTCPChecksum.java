package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Sets the TCP checksum.
 *
 * <pre>SetTCPChecksum([FIXOFF])</pre>
 *
 * <p>Expects TCP/IP packets with the network and transport header annotations set. Computes the
 * TCP checksum from scratch over the segment (IP total length minus IP header length) and the
 * pseudo-header built from the IP header, and stores it. A packet whose segment is shorter than
 * 20 bytes or longer than what the packet holds after the transport header is dropped and
 * counted.
 *
 * <p>With a loose or strict source route option, the pseudo-header's destination is the route's
 * final destination, its last address (RFC 791, RFC 1122 4.2.2.7), as in Click; the header's
 * destination field holds the next hop.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code FIXOFF}: boolean. If true, first repair the TCP data offset: below 5 words it is set
 *     to 5; beyond the segment (and the packet is not a fragment) it is set to the segment length
 *     in words. Default false.</li>
 * </ul>
 *
 * <p>Handlers (a JMill addition; Click only prints a message):
 * <ul>
 * <li>{@code drops} (read): malformed packets dropped.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; MarkIPHeader(14) -&gt; SetTCPChecksum -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SetTCPChecksum extends SimpleElement {
    private final boolean fixOff;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public SetTCPChecksum(ElementConfig c) {
        super(c);
        fixOff = c.args().positional("FIXOFF").bool(false);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!Ip.hasBasicHeader(p) || !p.hasTransportHeader()) {
            return bad(p);
        }
        int nh = p.networkHeaderOffset();
        int th = p.transportHeaderOffset();
        int len = p.u16(nh + 2) - Ip.headerLength(p, nh);
        if (th < nh || len < 20 || len > p.length() - th) {
            return bad(p);
        }
        if (fixOff) {
            int offByte = p.u8(th + 12);
            int off = (offByte >>> 4) << 2;
            boolean fragment = (p.u16(nh + 6) & (Ip.MF | Ip.OFFSET_MASK)) != 0;
            if (off < 20) {
                p.setU8(th + 12, (offByte & 0x0F) | (5 << 4));
            } else if (off > len && !fragment) {
                p.setU8(th + 12, (offByte & 0x0F) | ((len >>> 2) << 4));
            }
        }
        p.setU16(th + 16, 0);
        int sum = Checksum.pseudoHeader(p.u32(nh + 12), Ip.pseudoHeaderDestination(p, nh), p.u8(nh + 9), len);
        p.setU16(th + 16, Checksum.finish(Checksum.add(sum, p, th, len)));
        return p;
    }

    private Packet bad(Packet p) {
        if (state.drops++ == 0) {
            System.err.println(name() + ": SetTCPChecksum: bad lengths");
        }
        p.kill();
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
