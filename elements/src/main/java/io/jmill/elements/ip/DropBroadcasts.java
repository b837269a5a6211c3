package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Drops link-level broadcast and multicast packets.
 *
 * <pre>DropBroadcasts</pre>
 *
 * <p>Drops packets that arrived as link-level broadcasts or multicasts, as told by the packet
 * type annotation ({@code BROADCAST} or {@code MULTICAST}) that input devices set: IP routers must
 * not forward them (RFC 1812 5.3.4). Other packets pass unchanged to output 0. Dropped packets go
 * to output 1 if it is connected.
 *
 * <p>Ports: one input, agnostic; one or two outputs, output 0 agnostic, output 1 push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped (or sent to output 1).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; DropBroadcasts -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class DropBroadcasts extends ClassifyingElement {
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public DropBroadcasts(ElementConfig c) {
        super(c);
    }

    @Override
    protected int classify(int port, Packet p) {
        int type = p.packetType();
        if (type == Packet.BROADCAST || type == Packet.MULTICAST) {
            state.drops++;
            return checkedPort(1, p);
        }
        return 0;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
