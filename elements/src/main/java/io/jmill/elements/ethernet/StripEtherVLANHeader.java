package io.jmill.elements.ethernet;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Strips an Ethernet header, with or without an 802.1Q VLAN tag, and keeps the tag.
 *
 * <pre>StripEtherVLANHeader([NATIVE_VLAN])</pre>
 *
 * <p>Removes the Ethernet header at the front of each packet: 18 bytes if its type field says
 * 0x8100 (a VLAN tag), 14 otherwise. The VLAN TCI annotation is set to the tag's TCI, or to
 * NATIVE_VLAN for an untagged frame. The MAC header annotation is set to the removed header. Frames
 * too short for their header are dropped and counted in {@code drops}.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code NATIVE_VLAN}: integer between 0 and 0xFFF: the annotation of untagged frames.
 *     Default 0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): frames dropped as too short.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(trunk) -&gt; StripEtherVLANHeader -&gt; CheckIPHeader -&gt; ...</pre>
 *
 * <p>See also: EtherVLANEncap, VLANDecap, Strip.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class StripEtherVLANHeader extends SimpleElement implements DropCounter {
    private final int nativeVlan;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public StripEtherVLANHeader(ElementConfig c) {
        super(c);
        nativeVlan = c.args().positional("NATIVE_VLAN").integer(0, 0, 0xFFF);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        boolean tagged = p.length() >= Ether.HEADER_LENGTH && p.u16(12) == 0x8100;
        int length = tagged ? Ether.HEADER_LENGTH + 4 : Ether.HEADER_LENGTH;
        if (p.length() < length) {
            state.drops++;
            p.kill();
            return null;
        }
        p.setVlanTci(tagged ? p.u16(14) : nativeVlan);
        p.setMacHeader(0);
        p.pull(length);
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
