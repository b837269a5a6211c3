package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Checks the UDP header of UDP/IP packets.
 *
 * <pre>CheckUDPHeader([keywords VERBOSE, DETAILS])</pre>
 *
 * <p>Expects UDP/IP packets with the network header annotation set (by {@code CheckIPHeader} or
 * {@code MarkIPHeader}). Checks that the IP protocol is UDP, that the UDP length field is at least
 * 8 and the datagram lies within the packet, and, unless the checksum field is 0 (no checksum,
 * RFC 768), that the UDP checksum (with the pseudo-header) is valid. Valid packets leave on output
 * 0 unchanged; invalid packets on output 1 if it is connected, and are dropped otherwise. The
 * first invalid packet is reported on standard error (every one with VERBOSE).
 *
 * <p>With a loose or strict source route option, the pseudo-header's destination is the route's
 * final destination, its last address (RFC 791, RFC 1122 4.2.2.7), as in Click; the header's
 * destination field holds the next hop.
 *
 * <p>Ports: one input, agnostic; one or two outputs, output 0 agnostic, output 1 push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code VERBOSE}: boolean. Report every invalid packet, not just the first. Default false.</li>
 * <li>{@code DETAILS}: boolean. Keep a count per reason, read through {@code drop_details}.
 *     Default false.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): valid packets seen (FastClick's handler; Click has none).</li>
 * <li>{@code drops} (read): invalid packets seen.</li>
 * <li>{@code drop_details} (read, only with DETAILS): one {@code count<TAB>reason} line for each of
 *     {@code not UDP}, {@code bad packet length}, {@code bad UDP checksum}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader(14) -&gt; IPClassifier(udp) -&gt; CheckUDPHeader -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckUDPHeader extends TransportHeaderCheck {
    public CheckUDPHeader(ElementConfig c) {
        super(c, Ip.PROTO_UDP, "UDP");
    }

    @Override
    int check(Packet p, int nh, int th) {
        if (p.length() < th + 8) {
            return BAD_LENGTH;
        }
        int len = p.u16(th + 4);
        if (len < 8 || p.length() < th + len) {
            return BAD_LENGTH;
        }
        if (p.u16(th + 6) != 0) {
            int sum = Checksum.pseudoHeader(p.u32(nh + 12), Ip.pseudoHeaderDestination(p, nh), Ip.PROTO_UDP, len);
            if (Checksum.finish(Checksum.add(sum, p, th, len)) != 0) {
                return BAD_CHECKSUM;
            }
        }
        return OK;
    }
}
