package io.jmill.elements.ethernet;

import io.jmill.engine.handler.HandlerValues;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Rewrites the source and destination Ethernet addresses.
 *
 * <pre>EtherRewrite(SRC, DST)</pre>
 *
 * <p>Overwrites the source address with SRC and the destination address with DST in each
 * packet's Ethernet header, leaving the type untouched. The header is the one the MAC header
 * annotation points to (which may lie before the data, as after {@code Strip(14)}), or the start
 * of the data if the annotation is not set. A packet with fewer than 12 bytes from there is
 * dropped and counted in {@code drops} (Click does not check).
 *
 * <p>Useful where a link has only one possible next hop, such as a transparent firewall: the
 * addresses are then the same for all packets of a given output.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code src}, {@code dst} (read/write): the SRC and DST addresses, read as
 *     {@code 00-1B-21-3A-4F-5C}, written in the arguments' syntax.</li>
 * <li>{@code drops} (read): packets too short to rewrite (not in Click).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>EtherRewrite(1:1:1:1:1:1, 2:2:2:2:2:2)</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class EtherRewrite extends SimpleElement implements DropCounter {
    private final State state;

    private record Addresses(long src, long dst) {
    }

    private static final class State {
        volatile Addresses addresses;
        long drops;

        State(Addresses addresses) {
            this.addresses = addresses;
        }
    }

    public EtherRewrite(ElementConfig c) {
        super(c);
        long src = c.args().mandatoryPositional("SRC").etherAddress(0);
        long dst = c.args().mandatoryPositional("DST").etherAddress(0);
        state = new State(new Addresses(src, dst));
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int at = p.hasMacHeader() ? p.macHeaderOffset() : 0;
        // The header may lie before the data (after Strip(14)), but not outside the buffer.
        if (at < -p.headroom() || at + 12 > p.length()) {
            state.drops++;
            p.kill();
            return null;
        }
        Addresses a = state.addresses;
        Ether.setMac(p, at, a.dst());
        Ether.setMac(p, at + 6, a.src());
        return p;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("src", () -> Ether.macString(s.addresses.src()), v -> {
            long mac = HandlerValues.parse("SRC", v, a -> a.etherAddress(0));
            synchronized (s) {
                s.addresses = new Addresses(mac, s.addresses.dst());
            }
        });
        h.readWrite("dst", () -> Ether.macString(s.addresses.dst()), v -> {
            long mac = HandlerValues.parse("DST", v, a -> a.etherAddress(0));
            synchronized (s) {
                s.addresses = new Addresses(s.addresses.src(), mac);
            }
        });
        h.readLong("drops", () -> s.drops);
    }
}
