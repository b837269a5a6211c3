package io.jmill.elements.ethernet;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Drops Ethernet frames sent to other machines.
 *
 * <pre>HostEtherFilter(ETH [, DROP_OWN, DROP_OTHER, keyword OFFSET])</pre>
 *
 * <p>Sets each frame's packet type annotation from its destination address: HOST if it is ETH,
 * BROADCAST if it is ff:ff:ff:ff:ff:ff, MULTICAST for another group address, OTHERHOST otherwise.
 * Frames for other hosts are dropped if DROP_OTHER is true (the default), and frames sent by ETH
 * itself if DROP_OWN is true (default false); dropped frames leave on output 1 if it is connected.
 * Frames shorter than an Ethernet header are dropped the same way.
 *
 * <p>Ports: one input, one or two outputs; agnostic, output 1 push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code DROP_OWN}, {@code DROP_OTHER}: booleans, as the arguments.</li>
 * <li>{@code OFFSET}: unsigned integer. Where the Ethernet header starts. Default 0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): frames dropped.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0, PROMISC true) -&gt; HostEtherFilter(00:0a:95:9d:68:16) -&gt; ...</pre>
 *
 * <p>See also: SetPacketType, DropBroadcasts, EnsureEther.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class HostEtherFilter extends Element {
    private final long address;
    private final boolean dropOwn;
    private final boolean dropOther;
    private final int offset;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public HostEtherFilter(ElementConfig c) {
        super(c);
        var args = c.args();
        address = args.mandatoryPositional("ETH").etherAddress(0);
        dropOwn = args.positional("DROP_OWN").bool(false);
        dropOther = args.positional("DROP_OTHER").bool(true);
        offset = args.keyword("OFFSET").integer(0, 0, 0xFFFF);
    }

    /** Sets the packet type; true if the frame passes. */
    private boolean passes(Packet p) {
        int off = offset;
        if (p.length() < off + Ether.HEADER_LENGTH) {
            return false;
        }
        long dst = Ether.mac(p, off);
        int type = dst == address ? Packet.HOST : dst == Ether.BROADCAST ? Packet.BROADCAST
                : Ether.isGroup(dst) ? Packet.MULTICAST : Packet.OTHERHOST;
        p.setPacketType(type);
        return !(dropOther && type == Packet.OTHERHOST) && !(dropOwn && Ether.mac(p, off + 6) == address);
    }

    @Override
    public void push(int port, Packet p) {
        if (passes(p)) {
            output(0, p);
        } else {
            state.drops++;
            checkedOutput(1, p);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null || passes(p)) {
            return p;
        }
        state.drops++;
        checkedOutput(1, p);
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
