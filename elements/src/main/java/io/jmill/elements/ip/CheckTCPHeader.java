package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Checks the TCP header of TCP/IP packets.
 *
 * <pre>CheckTCPHeader([keywords VERBOSE, DETAILS])</pre>
 *
 * <p>Expects TCP/IP packets with the network header annotation set (by {@code CheckIPHeader} or
 * {@code MarkIPHeader}). Checks that the IP protocol is TCP, that the TCP segment (IP total length
 * minus IP header length) is at least 20 bytes and lies within the packet, that the TCP data
 * offset is at least 5 words and within the segment, and that the TCP checksum (with the
 * pseudo-header) is valid. Valid packets leave on output 0 unchanged; invalid packets on output 1
 * if it is connected, and are dropped otherwise. The first invalid packet is reported on standard
 * error (every one with VERBOSE).
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
 *     {@code not TCP}, {@code bad packet length}, {@code bad TCP checksum}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader(14) -&gt; IPClassifier(tcp) -&gt; CheckTCPHeader -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckTCPHeader extends TransportHeaderCheck {
    public CheckTCPHeader(ElementConfig c) {
        super(c, Ip.PROTO_TCP, "TCP");
    }

    @Override
    int check(Packet p, int nh, int th) {
        int len = p.u16(nh + 2) - (th - nh);
        if (len < 20 || p.length() < th + len) {
            return BAD_LENGTH;
        }
        int thLen = (p.u8(th + 12) >>> 4) << 2;
        if (thLen < 20 || len < thLen) {
            return BAD_LENGTH;
        }
        int sum = Checksum.pseudoHeader(p.u32(nh + 12), Ip.pseudoHeaderDestination(p, nh), Ip.PROTO_TCP, len);
        return Checksum.finish(Checksum.add(sum, p, th, len)) == 0 ? OK : BAD_CHECKSUM;
    }
}
