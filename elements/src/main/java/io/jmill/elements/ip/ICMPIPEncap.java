package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.Arg;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Encapsulates packets in ICMP and IP headers.
 *
 * <pre>ICMPIPEncap(SRC, DST, TYPE [, CODE, keywords IDENTIFIER])</pre>
 *
 * <p>Prepends an ICMP header of type TYPE and code CODE (numbers 0-255 or names such as
 * {@code echo}, {@code unreachable}; CODE defaults to 0), then an IPv4 header from SRC to DST
 * (protocol ICMP, TTL 255). The ICMP header is as long as its type requires: 20 bytes for
 * timestamp request and reply, 12 for address mask request and reply, 8 for the others. Types
 * with identifier and sequence fields (echo, timestamp, information and mask requests and
 * replies) get IDENTIFIER and a sequence number that advances by one per packet; the IP
 * identification advances with it (starting at 1, skipping 0). Both checksums are set; the network
 * header annotation points at the new IP header, and the destination-IP annotation is set to DST.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code IDENTIFIER}: 0 to 65535. The ICMP identifier. Default 0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code src}, {@code dst} (read): SRC and DST.</li>
 * <li>{@code drops} (read): packets dropped because there was no room for the headers.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>InfiniteSource(LIMIT 3) -&gt; ICMPIPEncap(1.0.0.1, 1.0.0.2, TYPE echo) -&gt; ...</pre>
 *
 * <p>See also: ICMPPingEncap, IPEncap, ICMPError.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class ICMPIPEncap extends SimpleElement implements DropCounter {
    private static final int IP_HEADER = 20;
    private final int src;
    private final int dst;
    private final int type;
    private final int code;
    private final int identifier;
    private final int icmpLength;
    private final boolean sequenced;
    private final State state = new State();

    private static final class State {
        int id = 1;
        long drops;
    }

    public ICMPIPEncap(ElementConfig c) {
        super(c);
        var args = c.args();
        src = args.mandatoryPositional("SRC").ipAddress(0);
        dst = args.mandatoryPositional("DST").ipAddress(0);
        Arg typeArg = args.mandatoryPositional("TYPE");
        int t = typeArg.present() ? IcmpNames.type(typeArg.string("").strip()) : 0;
        if (t < 0) {
            args.error("TYPE: expected ICMP type (integer 0-255 or name), got '" + typeArg.raw() + "'");
            t = 0;
        }
        Arg codeArg = args.positional("CODE");
        int k = codeArg.present() ? IcmpNames.code(t, codeArg.string("").strip()) : 0;
        if (k < 0) {
            args.error("CODE: expected ICMP code (integer 0-255 or name), got '" + codeArg.raw() + "'");
            k = 0;
        }
        type = t;
        code = k;
        identifier = args.keyword("IDENTIFIER").integer(0, 0, 0xFFFF);
        icmpLength = switch (t) {
            case 13, 14 -> 20; // timestamp request, reply
            case 17, 18 -> 12; // address mask request, reply
            default -> 8;
        };
        sequenced = switch (t) {
            case 0, 8, 13, 14, 15, 16, 17, 18 -> true;
            default -> false;
        };
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        if (!p.push(IP_HEADER + icmpLength)) {
            s.drops++;
            p.kill();
            return null;
        }
        int id = s.id;
        s.id = id == 0xFFFF ? 1 : id + 1;
        int len = p.length();
        p.setU32(0, 0x4500_0000 | (len & 0xFFFF));
        p.setU32(4, id << 16);
        p.setU32(8, (255 << 24) | (Ip.PROTO_ICMP << 16));
        p.setU32(12, src);
        p.setU32(16, dst);
        p.setU16(10, Checksum.of(p, 0, IP_HEADER));
        p.setU32(IP_HEADER, (type << 24) | (code << 16));
        p.setU32(IP_HEADER + 4, sequenced ? (identifier << 16) | id : 0);
        for (int i = 8; i < icmpLength; i += 4) {
            p.setU32(IP_HEADER + i, 0);
        }
        p.setU16(IP_HEADER + 2, Checksum.of(p, IP_HEADER, len - IP_HEADER));
        p.setNetworkHeader(0, IP_HEADER);
        p.setDstIpAnno(dst);
        return p;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("src", () -> Ip.addressText(src));
        h.read("dst", () -> Ip.addressText(dst));
        h.readLong("drops", () -> s.drops);
    }
}
