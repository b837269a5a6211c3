package io.jmill.elements.ethernet;

import io.jmill.elements.standard.Period;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/**
 * Periodically sends an unsolicited ARP reply.
 *
 * <pre>ARPFaker(DSTIP, DSTETH, SRCIP, SRCETH [, keyword INTERVAL])</pre>
 *
 * <p>Every INTERVAL (default 10 s, on the worker clock; the first at once) sends a 42-byte
 * Ethernet ARP reply from SRCETH to DSTETH saying that SRCIP is at SRCETH, addressed to DSTIP.
 * Hosts that receive it update their ARP caches: a way to point a host at a router without
 * waiting for it to ask.
 *
 * <p>Ports: no inputs, one push output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code interval} (read/write): INTERVAL in seconds.</li>
 * <li>{@code count} (read): replies sent.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>ARPFaker(10.0.0.2, 02:00:00:00:00:02, 10.0.0.1, 02:00:00:00:00:01) -&gt; ToDevice(eth0);</pre>
 *
 * <p>See also: ARPResponder, ARPQuerier.
 */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class ARPFaker extends Element implements Task {
    private final int dstIp;
    private final long dstEth;
    private final int srcIp;
    private final long srcEth;
    private final Period period;
    private final State state = new State();

    private static final class State {
        long count;
    }

    public ARPFaker(ElementConfig c) {
        super(c);
        var args = c.args();
        dstIp = args.mandatoryPositional("DSTIP").ipAddress(0);
        dstEth = args.mandatoryPositional("DSTETH").etherAddress(0);
        srcIp = args.mandatoryPositional("SRCIP").ipAddress(0);
        srcEth = args.mandatoryPositional("SRCETH").etherAddress(0);
        period = new Period(args.keyword("INTERVAL").durationNanos(10_000_000_000L));
    }

    /** For tests: the period, to substitute its clock. */
    Period period() {
        return period;
    }

    @Override
    public int runTask() {
        if (!period.due(true)) {
            return 0;
        }
        Packet p = PacketPool.alloc();
        if (p == null) {
            return 0;
        }
        p.setLength(Ether.ARP_LENGTH);
        Ether.setMac(p, 0, dstEth);
        Ether.setMac(p, 6, srcEth);
        p.setU16(12, Ether.ETHERTYPE_ARP);
        p.setU16(Ether.ARP_HRD, Ether.ARPHRD_ETHER);
        p.setU16(Ether.ARP_PRO, Ether.ETHERTYPE_IP);
        p.setU8(Ether.ARP_HLN, 6);
        p.setU8(Ether.ARP_PLN, 4);
        p.setU16(Ether.ARP_OP, Ether.ARPOP_REPLY);
        Ether.setMac(p, Ether.ARP_SHA, srcEth);
        p.setU32(Ether.ARP_SPA, srcIp);
        Ether.setMac(p, Ether.ARP_THA, dstEth);
        p.setU32(Ether.ARP_TPA, dstIp);
        p.setMacHeader(0);
        state.count++;
        output(0, p);
        return 1;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        Period t = period;
        h.readWrite("interval", () -> HandlerValues.seconds(t.intervalNanos()),
                v -> t.setIntervalNanos(HandlerValues.parse("interval", v, a -> a.durationNanos(0))));
        h.readLong("count", () -> s.count);
    }
}
