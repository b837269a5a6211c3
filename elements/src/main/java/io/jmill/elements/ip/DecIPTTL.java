package io.jmill.elements.ip;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Decrements the IP time-to-live and sends expired packets aside.
 *
 * <pre>DecIPTTL([keywords ACTIVE, MULTICAST])</pre>
 *
 * <p>Expects IP packets with the network header annotation set. If the TTL is at most 1 (the
 * packet has expired), sends the packet to output 1, or drops it if output 1 is not connected.
 * Otherwise decrements the TTL, updates the header checksum incrementally (RFC 1624, equation 3),
 * and sends the packet to output 0. Output 1 is usually connected to
 * {@code ICMPError(ADDR, timeexceeded)}.
 *
 * <p>A packet without the network header annotation, or whose IP header does not fit in it, is
 * dropped and counted in {@code drops} (Click assumes the annotation is there).
 *
 * <p>Ports: one input, agnostic; one or two outputs, output 0 agnostic, output 1 push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code ACTIVE}: boolean. If false, pass every packet unchanged. Default true.</li>
 * <li>{@code MULTICAST}: boolean. If false, pass multicast packets (destination in 224.0.0.0/4)
 *     unchanged. Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets sent to output 1 (or dropped).</li>
 * <li>{@code active} (read/write): the ACTIVE setting.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader(14) -&gt; dt :: DecIPTTL -&gt; ...
 * dt[1] -&gt; ICMPError(18.26.4.24, timeexceeded) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class DecIPTTL extends ClassifyingElement {
    private final boolean multicast;
    private final State state = new State();

    private static final class State {
        long drops;
        volatile boolean active;
    }

    public DecIPTTL(ElementConfig c) {
        super(c);
        state.active = c.args().keyword("ACTIVE").bool(true);
        multicast = c.args().keyword("MULTICAST").bool(true);
    }

    @Override
    protected int classify(int port, Packet p) {
        State s = state;
        if (!s.active) {
            return 0;
        }
        if (!Ip.hasBasicHeader(p)) {
            s.drops++;
            p.kill();
            return -1;
        }
        int nh = p.networkHeaderOffset();
        if (!multicast && Ip.isMulticast(p.u32(nh + 16))) {
            return 0;
        }
        int ttlProto = p.u16(nh + 8);
        if (ttlProto < 0x200) {
            s.drops++;
            return checkedPort(1, p);
        }
        int decremented = ttlProto - 0x100;
        p.setU16(nh + 8, decremented);
        p.setU16(nh + 10, Checksum.update16(p.u16(nh + 10), ttlProto, decremented));
        return 0;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
    }
}
