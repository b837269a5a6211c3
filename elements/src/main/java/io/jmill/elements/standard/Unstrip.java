package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Puts bytes back at the front of packets.
 *
 * <pre>Unstrip(LENGTH)</pre>
 *
 * <p>Adds LENGTH bytes to the front of each packet: the bytes in the headroom just before the
 * data, which are those that {@code Strip} removed if it ran earlier. A packet whose buffer has no
 * room for LENGTH more bytes is dropped and counted in {@code drops}.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped for lack of room.</li>
 * </ul>
 *
 * <p>Example: remove the Ethernet header, and put it back.
 * <pre>Strip(14) -&gt; ... -&gt; Unstrip(14)</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Unstrip extends SimpleElement implements DropCounter {
    private final int length;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public Unstrip(ElementConfig c) {
        super(c);
        length = c.args().mandatoryPositional("LENGTH").integer(0, 0, Packet.capacity());
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!p.push(length)) {
            state.drops++;
            p.kill();
            return null;
        }
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
