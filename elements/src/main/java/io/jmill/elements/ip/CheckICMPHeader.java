package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Checks the ICMP header of ICMP/IP packets.
 *
 * <pre>CheckICMPHeader([keywords VERBOSE, DETAILS])</pre>
 *
 * <p>Expects ICMP/IP packets with the network header annotation set (by {@code CheckIPHeader} or
 * {@code MarkIPHeader}). The ICMP message runs from the end of the IP header to the end of the
 * packet. Checks that the IP protocol is ICMP, that the message is at least 8 bytes long, that
 * error messages (unreachable, source quench, redirect, time exceeded, parameter problem) carry at
 * least an IP header and 8 bytes (28 bytes after the ICMP header), that timestamp requests and
 * replies are exactly 20 bytes and information requests and replies exactly 8, and that the ICMP
 * checksum is valid. Valid packets leave on output 0 unchanged; invalid packets on output 1 if it
 * is connected, and are dropped otherwise. The first invalid packet is reported on standard error
 * (every one with VERBOSE).
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
 *     {@code not ICMP}, {@code bad packet length}, {@code bad ICMP checksum}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader(14) -&gt; IPClassifier(icmp) -&gt; CheckICMPHeader -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckICMPHeader extends TransportHeaderCheck {
    public CheckICMPHeader(ElementConfig c) {
        super(c, Ip.PROTO_ICMP, "ICMP");
    }

    @Override
    int check(Packet p, int nh, int th) {
        int len = p.length() - th;
        if (len < 8) {
            return BAD_LENGTH;
        }
        boolean lengthOk = switch (p.u8(th)) {
            case Ip.ICMP_UNREACH, Ip.ICMP_TIMXCEED, Ip.ICMP_PARAMPROB, Ip.ICMP_SOURCEQUENCH, Ip.ICMP_REDIRECT ->
                    len >= 8 + 28;
            case 13, 14 -> len == 20;   // timestamp request and reply
            case 15, 16 -> len == 8;    // information request and reply
            default -> true;
        };
        if (!lengthOk) {
            return BAD_LENGTH;
        }
        return Checksum.of(p, th, len) == 0 ? OK : BAD_CHECKSUM;
    }
}
