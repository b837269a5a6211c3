package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
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
 * <li>{@code drops} (read): invalid packets seen.</li>
 * <li>{@code drop_details} (read, only with DETAILS): one {@code count<TAB>reason} line for each of
 *     {@code not UDP}, {@code bad packet length}, {@code bad UDP checksum}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader(14) -&gt; IPClassifier(udp) -&gt; CheckUDPHeader -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckUDPHeader extends SimpleElement {
    static final int NOT_UDP = 0;
    static final int BAD_LENGTH = 1;
    static final int BAD_CHECKSUM = 2;
    private static final String[] REASONS = {"not UDP", "bad packet length", "bad UDP checksum"};

    private final boolean verbose;
    private final DropStats stats;

    public CheckUDPHeader(ElementConfig c) {
        super(c);
        verbose = c.args().keyword("VERBOSE").bool(false);
        stats = new DropStats(REASONS, c.args().keyword("DETAILS").bool(false));
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!p.hasNetworkHeader()) {
            return drop(NOT_UDP, p);
        }
        if (!Ip.hasBasicHeader(p)) {
            return drop(BAD_LENGTH, p);
        }
        int nh = p.networkHeaderOffset();
        if (p.u8(nh + 9) != Ip.PROTO_UDP) {
            return drop(NOT_UDP, p);
        }
        int iphLen = Ip.headerLength(p, nh);
        int uh = nh + iphLen;
        if (iphLen < Ip.MIN_HEADER || p.length() < uh + 8) {
            return drop(BAD_LENGTH, p);
        }
        int len = p.u16(uh + 4);
        if (len < 8 || p.length() < uh + len) {
            return drop(BAD_LENGTH, p);
        }
        if (p.u16(uh + 6) != 0) {
            int sum = Checksum.pseudoHeader(p.u32(nh + 12), p.u32(nh + 16), Ip.PROTO_UDP, len);
            if (Checksum.finish(Checksum.add(sum, p, uh, len)) != 0) {
                return drop(BAD_CHECKSUM, p);
            }
        }
        return p;
    }

    private Packet drop(int reason, Packet p) {
        if (stats.count(reason, verbose)) {
            System.err.println(name() + ": UDP header check failed: " + stats.reason(reason));
        }
        checkedOutput(1, p);
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        DropStats s = stats;
        h.readLong("drops", () -> s.drops);
        if (s.hasDetails()) {
            h.read("drop_details", s::details);
        }
    }
}
