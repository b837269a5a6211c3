package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.Arg;
import io.jmill.engine.args.PortNames;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Encapsulates packets in UDP and IP headers.
 *
 * <pre>UDPIPEncap(SRC, SPORT, DST, DPORT [, CHECKSUM])</pre>
 *
 * <p>Prepends a 20-byte IPv4 header and an 8-byte UDP header: source SRC:SPORT, destination
 * DST:DPORT, TTL 250, a fresh IP identification per packet, DF clear, a valid IP checksum, and a
 * UDP checksum over the pseudo-header and the data if CHECKSUM is true (the default), else 0. DST
 * may be {@code DST_ANNO}: each packet's destination-IP annotation. The network and transport
 * header annotations are set, and the destination-IP annotation to the destination. SPORT and
 * DPORT are numbers, names a PortInfo element defines, or well-known service names ({@code ssh}).
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped because there was no room for the headers.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>InfiniteSource(LENGTH 64) -&gt; UDPIPEncap(10.0.0.1, 1234, 10.0.0.2, 5678) -&gt; EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2) -&gt; ...</pre>
 *
 * <p>See also: IPEncap, SetUDPChecksum, PortInfo.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class UDPIPEncap extends SimpleElement implements DropCounter {
    private final int src;
    private final int sport;
    private final int dst;
    private final int dport;
    private final boolean dstFromAnno;
    private final boolean checksum;
    private final State state = new State();

    private static final class State {
        int id;
        long drops;
    }

    public UDPIPEncap(ElementConfig c) {
        super(c);
        var args = c.args();
        src = args.mandatoryPositional("SRC").ipAddress(0);
        sport = port(args.mandatoryPositional("SPORT"), c);
        Arg d = args.mandatoryPositional("DST");
        dstFromAnno = d.present() && d.raw().strip().equalsIgnoreCase("DST_ANNO");
        dst = dstFromAnno ? 0 : d.ipAddress(0);
        dport = port(args.mandatoryPositional("DPORT"), c);
        checksum = args.positional("CHECKSUM").bool(true);
    }

    /** A UDP port: a number, a PortInfo name or a well-known service name. */
    private static int port(Arg a, ElementConfig c) {
        if (!a.present()) {
            return 0;
        }
        int port = PortNames.port(a.string(""), PortNames.UDP, c.name());
        if (port < 0) {
            c.args().error(a.name() + ": expected port number, got '" + a.raw().strip() + "'");
            return 0;
        }
        return port;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!p.push(28)) {
            state.drops++;
            p.kill();
            return null;
        }
        int d = dstFromAnno ? p.dstIpAnno() : dst;
        int len = p.length();
        p.setU32(0, 0x4500_0000 | (len & 0xFFFF));
        p.setU32(4, (state.id++ & 0xFFFF) << 16);
        p.setU32(8, (250 << 24) | (Ip.PROTO_UDP << 16));
        p.setU32(12, src);
        p.setU32(16, d);
        p.setU16(10, Checksum.of(p, 0, 20));
        int ulen = len - 20;
        p.setU32(20, (sport << 16) | dport);
        p.setU32(24, (ulen & 0xFFFF) << 16);
        if (checksum) {
            int sum = Checksum.finish(Checksum.add(Checksum.pseudoHeader(src, d, Ip.PROTO_UDP, ulen), p, 20, ulen));
            p.setU16(26, sum == 0 ? 0xFFFF : sum);
        }
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
