package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;

/**
 * Aligns packet data.
 *
 * <pre>Align(MODULUS, OFFSET)</pre>
 *
 * <p>Moves each packet's data within its buffer so that its first byte lies OFFSET bytes past a
 * MODULUS-byte boundary of memory. MODULUS must be 2, 4 or 8, and OFFSET smaller than MODULUS.
 * The data moves forward by up to MODULUS - 1 bytes, or back if the buffer has no room after the
 * data; the header annotations, and the bytes of headers that lie before the data (a stripped
 * Ethernet header), move with it. An aligned packet is passed on untouched.
 *
 * <p>JMill's buffers start the data at an 8-byte aligned headroom, so a packet needs moving only
 * after elements such as {@code Strip(14)} have shifted its start. Where Click copies a packet
 * whose buffer is too full to move it, JMill drops it and counts it: only a packet that, with
 * the headers before its data, fills its whole buffer (2176 bytes) can be in that case.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code moved} (read): packets whose data was moved.</li>
 * <li>{@code drops} (read): packets dropped because their buffer had no room to move them.</li>
 * </ul>
 *
 * <p>Example, IP headers on 4-byte boundaries after the Ethernet header is stripped:
 * <pre>FromDevice(eth0) -&gt; Strip(14) -&gt; Align(4, 0) -&gt; CheckIPHeader -&gt; ...</pre>
 *
 * <p>See also: AlignmentInfo, Strip.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Align extends SimpleElement {
    private final int modulus;
    private final int offset;
    private final State state = new State();

    private static final class State {
        long moved;
        long drops;
    }

    public Align(ElementConfig c) {
        super(c);
        var args = c.args();
        int m = args.mandatoryPositional("MODULUS").integer(8, 0, Integer.MAX_VALUE);
        int o = args.mandatoryPositional("OFFSET").integer(0, 0, Integer.MAX_VALUE);
        if (m != 2 && m != 4 && m != 8) {
            args.error("MODULUS must be 2, 4, or 8");
        } else if (o >= m) {
            args.error("OFFSET must be smaller than MODULUS");
        }
        modulus = m;
        offset = o;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int delta = (offset - (int) (PacketMemory.ADDRESS + p.dataAddress())) & (modulus - 1);
        if (delta == 0) {
            return p;
        }
        State s = state;
        if (p.shiftData(delta) || p.shiftData(delta - modulus)) {
            s.moved++;
            return p;
        }
        s.drops++;
        p.kill();
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("moved", () -> s.moved);
        h.readLong("drops", () -> s.drops);
    }
}
