package io.jmill.elements.ethernet;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Swaps the Ethernet source and destination addresses.
 *
 * <pre>EtherMirror</pre>
 *
 * <p>Exchanges the source and destination addresses of the Ethernet header at the start of each
 * packet, so that a frame from A to B becomes a frame from B to A. A packet shorter than 12
 * bytes is dropped and counted in {@code drops}; Click and FastClick do not check, and pass such a
 * frame on after swapping bytes past its end.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets too short to mirror (not in Click).</li>
 * </ul>
 *
 * <p>Example: a reflector that sends every frame back where it came from:
 * <pre>FromDevice(eth0) -&gt; EtherMirror -&gt; Queue -&gt; ToDevice(eth0);</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class EtherMirror extends SimpleElement implements DropCounter {
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public EtherMirror(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.length() < 12) {
            state.drops++;
            p.kill();
            return null;
        }
        // The two addresses are bytes 0-11: one 8-byte and one 4-byte load, two stores.
        long head = p.u64(0);                                   // dst, then src's first 2 bytes
        long dst = head >>> 16;
        long src = (head & 0xFFFF) << 32 | Integer.toUnsignedLong(p.u32(8));
        p.setU64(0, src << 16 | dst >>> 32);                    // src, then dst's first 2 bytes
        p.setU32(8, (int) dst);
        return p;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("drops", () -> state.drops);
    }
}
