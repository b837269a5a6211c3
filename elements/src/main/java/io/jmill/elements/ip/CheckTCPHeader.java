package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
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
 *     {@code not TCP}, {@code bad packet length}, {@code bad TCP checksum}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader(14) -&gt; IPClassifier(tcp) -&gt; CheckTCPHeader -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckTCPHeader extends SimpleElement {
    static final int NOT_TCP = 0;
    static final int BAD_LENGTH = 1;
    static final int BAD_CHECKSUM = 2;
    private static final String[] REASONS = {"not TCP", "bad packet length", "bad TCP checksum"};

    private final boolean verbose;
    private final DropStats stats;

    public CheckTCPHeader(ElementConfig c) {
        super(c);
        verbose = c.args().keyword("VERBOSE").bool(false);
        stats = new DropStats(REASONS, c.args().keyword("DETAILS").bool(false));
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!p.hasNetworkHeader()) {
            return drop(NOT_TCP, p);
        }
        if (!Ip.hasBasicHeader(p)) {
            return drop(BAD_LENGTH, p);
        }
        int nh = p.networkHeaderOffset();
        if (p.u8(nh + 9) != Ip.PROTO_TCP) {
            return drop(NOT_TCP, p);
        }
        int iphLen = Ip.headerLength(p, nh);
        int len = p.u16(nh + 2) - iphLen;
        int th = nh + iphLen;
        if (iphLen < Ip.MIN_HEADER || len < 20 || p.length() < th + len) {
            return drop(BAD_LENGTH, p);
        }
        int thLen = (p.u8(th + 12) >>> 4) << 2;
        if (thLen < 20 || len < thLen) {
            return drop(BAD_LENGTH, p);
        }
        int sum = Checksum.pseudoHeader(p.u32(nh + 12), p.u32(nh + 16), Ip.PROTO_TCP, len);
        if (Checksum.finish(Checksum.add(sum, p, th, len)) != 0) {
            return drop(BAD_CHECKSUM, p);
        }
        return p;
    }

    private Packet drop(int reason, Packet p) {
        if (stats.count(reason, verbose)) {
            System.err.println(name() + ": TCP header check failed: " + stats.reason(reason));
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
