package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
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
 * <li>{@code drops} (read): invalid packets seen.</li>
 * <li>{@code drop_details} (read, only with DETAILS): one {@code count<TAB>reason} line for each of
 *     {@code not ICMP}, {@code bad packet length}, {@code bad ICMP checksum}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader(14) -&gt; IPClassifier(icmp) -&gt; CheckICMPHeader -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckICMPHeader extends SimpleElement {
    static final int NOT_ICMP = 0;
    static final int BAD_LENGTH = 1;
    static final int BAD_CHECKSUM = 2;
    private static final String[] REASONS = {"not ICMP", "bad packet length", "bad ICMP checksum"};

    private final boolean verbose;
    private final DropStats stats;

    public CheckICMPHeader(ElementConfig c) {
        super(c);
        verbose = c.args().keyword("VERBOSE").bool(false);
        stats = new DropStats(REASONS, c.args().keyword("DETAILS").bool(false));
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!p.hasNetworkHeader()) {
            return drop(NOT_ICMP, p);
        }
        if (!Ip.hasBasicHeader(p)) {
            return drop(BAD_LENGTH, p);
        }
        int nh = p.networkHeaderOffset();
        if (p.u8(nh + 9) != Ip.PROTO_ICMP) {
            return drop(NOT_ICMP, p);
        }
        int iphLen = Ip.headerLength(p, nh);
        int ih = nh + iphLen;
        int len = p.length() - ih;
        if (iphLen < Ip.MIN_HEADER || len < 8) {
            return drop(BAD_LENGTH, p);
        }
        boolean lengthOk = switch (p.u8(ih)) {
            case Ip.ICMP_UNREACH, Ip.ICMP_TIMXCEED, Ip.ICMP_PARAMPROB, Ip.ICMP_SOURCEQUENCH, Ip.ICMP_REDIRECT ->
                    len >= 8 + 28;
            case 13, 14 -> len == 20;   // timestamp request and reply
            case 15, 16 -> len == 8;    // information request and reply
            default -> true;
        };
        if (!lengthOk) {
            return drop(BAD_LENGTH, p);
        }
        if (Checksum.of(p, ih, len) != 0) {
            return drop(BAD_CHECKSUM, p);
        }
        return p;
    }

    private Packet drop(int reason, Packet p) {
        if (stats.count(reason, verbose)) {
            System.err.println(name() + ": ICMP header check failed: " + stats.reason(reason));
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
