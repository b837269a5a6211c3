package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.Arg;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

import java.util.Locale;

/**
 * Encapsulates packets in an IP header.
 *
 * <pre>IPEncap(PROTO, SRC, DST, keywords TOS, DSCP, ECT, CE, TTL, DF)</pre>
 *
 * <p>Prepends a 20-byte IPv4 header: protocol PROTO (a number or {@code tcp}, {@code udp},
 * {@code icmp}, {@code ipip}, {@code gre}), source SRC, destination DST, total length the new packet
 * length, a fresh identification (incremented per packet), the given type of service, TTL and DF
 * flag, and a valid checksum. DST may be {@code DST_ANNO}: the destination is then each packet's
 * destination-IP annotation. The network header annotation is set to the new header, and the
 * destination-IP annotation to the destination.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code TOS}: byte. The whole TOS byte. Default 0. Not with DSCP, ECT or CE.</li>
 * <li>{@code DSCP}: 0 to 63. The DSCP field. Default 0.</li>
 * <li>{@code ECT}: boolean, or 1 / 2 for ECT(1) / ECT(0). The ECN field says ECN-capable.</li>
 * <li>{@code CE}: boolean. The ECN field says Congestion Experienced.</li>
 * <li>{@code TTL}: byte. Default 250, as in Click.</li>
 * <li>{@code DF}: boolean. Set the don't-fragment flag. Default false.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped because there was no room for the header.</li>
 * </ul>
 *
 * <p>Example (IP-in-IP):
 * <pre>... -&gt; IPEncap(4, 18.26.4.24, 140.247.60.147) -&gt; ...</pre>
 *
 * <p>See also: UDPIPEncap, ICMPPingEncap, EtherEncap, StripIPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class IPEncap extends SimpleElement implements DropCounter {
    private final int proto;
    private final int src;
    private final int dst;
    private final boolean dstFromAnno;
    private final int tos;
    private final int ttl;
    private final int flags;
    private final State state = new State();

    private static final class State {
        int id;
        long drops;
    }

    public IPEncap(ElementConfig c) {
        super(c);
        var args = c.args();
        proto = protocol(args, args.mandatoryPositional("PROTO"));
        src = args.mandatoryPositional("SRC").ipAddress(0);
        Arg d = args.mandatoryPositional("DST");
        dstFromAnno = d.present() && d.raw().strip().equalsIgnoreCase("DST_ANNO");
        dst = dstFromAnno ? 0 : d.ipAddress(0);
        tos = tos(args);
        ttl = args.keyword("TTL").integer(250, 0, 255);
        flags = args.keyword("DF").bool(false) ? Ip.DF : 0;
    }

    /** PROTO as a number or a name. */
    static int protocol(io.jmill.engine.args.Args args, Arg a) {
        String text = a.raw() == null ? "" : a.raw().strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "icmp" -> 1;
            case "igmp" -> 2;
            case "ipip" -> 4;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "gre" -> 47;
            default -> a.integer(0, 0, 255);
        };
    }

    /** The TOS byte from TOS, or DSCP with ECT / CE (Click's rules). */
    static int tos(io.jmill.engine.args.Args args) {
        Arg tosArg = args.keyword("TOS");
        Arg dscpArg = args.keyword("DSCP");
        Arg ectArg = args.keyword("ECT");
        Arg ceArg = args.keyword("CE");
        if (tosArg.present()) {
            if (dscpArg.present() || ectArg.present() || ceArg.present()) {
                args.error("TOS cannot be combined with DSCP, ECT or CE");
            }
            return tosArg.integer(0, 0, 255);
        }
        int t = dscpArg.integer(0, 0, 63) << 2;
        if (ectArg.present()) {
            String e = ectArg.raw().strip();
            t |= e.equals("1") ? 1 : e.equals("2") ? 2 : ectArg.bool(false) ? 2 : 0;
        }
        if (ceArg.bool(false)) {
            t |= 3;
        }
        return t;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!p.push(20)) {
            state.drops++;
            p.kill();
            return null;
        }
        int d = dstFromAnno ? p.dstIpAnno() : dst;
        int len = p.length();
        p.setU32(0, 0x4500_0000 | (tos << 16) | (len & 0xFFFF));
        p.setU32(4, ((state.id++ & 0xFFFF) << 16) | flags);
        p.setU32(8, (ttl << 24) | (proto << 16));
        p.setU32(12, src);
        p.setU32(16, d);
        p.setU16(10, Checksum.of(p, 0, 20));
        p.setNetworkHeader(0, 20);
        p.setDstIpAnno(d);
        return p;
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
