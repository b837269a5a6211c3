package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Removes the 802.1Q VLAN tag from Ethernet packets.
 *
 * <pre>VLANDecap([ANNO, keywords ETHERTYPE])</pre>
 *
 * <p>Expects Ethernet frames whose data starts at the Ethernet header, tagged or not. If the type
 * field after the MAC addresses is ETHERTYPE (0x8100), the 4-byte tag is removed, leaving a
 * conventional Ethernet frame; other frames pass unchanged. Sets the MAC header at the start of
 * the data.
 *
 * <p>If ANNO is true, the VLAN TCI annotation is set to the removed tag's TCI (as a number: VLAN 5
 * with PCP 1 is 0x2005), or to 0 if the frame was not tagged.
 *
 * <p>Frames shorter than an Ethernet header (14 bytes), and tagged frames shorter than a tagged
 * header (18 bytes), are dropped and counted in {@code drops}.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code ANNO}: boolean. Whether to set the VLAN TCI annotation. Default true.</li>
 * <li>{@code ETHERTYPE}: integer between 0 and 0xFFFF, the type of the tags to remove (0x88a8 for
 *     802.1ad service tags). Default 0x8100.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): frames dropped as described above.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(trunk) -&gt; VLANDecap -&gt; vlans :: PaintSwitch ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class VLANDecap extends SimpleElement implements DropCounter {
    private final boolean anno;
    private final int ethertype;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public VLANDecap(ElementConfig c) {
        super(c);
        var args = c.args();
        anno = args.positional("ANNO").bool(true);
        ethertype = args.keyword("ETHERTYPE").integer(VLANEncap.ETHERTYPE_8021Q, 0, 0xFFFF);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int len = p.length();
        if (len < 14) {
            return drop(p);
        }
        int tci = 0;
        if (p.u16(12) == ethertype) {
            if (len < 18) {
                return drop(p);
            }
            tci = p.u16(14);
            p.moveData(0, 4, 12);
            p.pull(4);
        }
        p.setMacHeader(0);
        if (anno) {
            p.setVlanTci(tci);
        }
        return p;
    }

    private Packet drop(Packet p) {
        state.drops++;
        p.kill();
        return null;
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
