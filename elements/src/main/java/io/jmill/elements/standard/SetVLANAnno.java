package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Sets the VLAN annotation.
 *
 * <pre>SetVLANAnno([VLAN_TCI, VLAN_PCP, keywords VLAN_ID])</pre>
 *
 * <p>Sets the VLAN TCI annotation of every packet to the configured value: either VLAN_TCI (the
 * whole 16-bit tag control information), or VLAN_ID and VLAN_PCP (its VLAN identifier and
 * priority code point). When VLAN_TCI and VLAN_PCP are both given, the PCP bits are added to
 * VLAN_TCI's. The annotation holds the TCI as a number (VLAN 5 with PCP 1 is 0x2005), which is
 * what {@code VLANEncap(ANNO)} puts in the tag.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code VLAN_TCI}: integer between 0 and 0xFFFF. Default 0.</li>
 * <li>{@code VLAN_PCP}: integer between 0 and 7. Default 0.</li>
 * <li>{@code VLAN_ID}: integer between 0 and 0xFFF. Give at most one of VLAN_TCI and VLAN_ID
 *     (Click lets VLAN_TCI win silently). Default 0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code vlan_tci} (read/write): the TCI set.</li>
 * <li>{@code vlan_id} (read/write): its VLAN ID bits; written, the PCP bits are kept.</li>
 * <li>{@code vlan_pcp} (read/write): its PCP bits; written, the ID bits are kept.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; SetVLANAnno(VLAN_ID 10, VLAN_PCP 3) -&gt; VLANEncap(ANNO) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a", aliases = "SetVlanAnno")
public final class SetVLANAnno extends SimpleElement {
    private final State state = new State();

    private static final class State {
        volatile int tci;
    }

    public SetVLANAnno(ElementConfig c) {
        super(c);
        var args = c.args();
        var tciArg = args.positional("VLAN_TCI");
        int tci = tciArg.integer(0, 0, 0xFFFF);
        int pcp = args.positional("VLAN_PCP").integer(0, 0, 7);
        var idArg = args.keyword("VLAN_ID");
        int id = idArg.integer(0, 0, 0xFFF);
        if (tciArg.present() && idArg.present()) {
            args.error("specify at most one of VLAN_TCI and VLAN_ID");
        }
        state.tci = (tciArg.present() ? tci : id) | (pcp << 13);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.setVlanTci(state.tci);
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("vlan_tci", () -> Integer.toString(s.tci),
                v -> s.tci = HandlerValues.integer("vlan_tci", v, 0, 0xFFFF));
        h.readWrite("vlan_id", () -> Integer.toString(s.tci & 0xFFF),
                v -> s.tci = (s.tci & 0xF000) | HandlerValues.integer("vlan_id", v, 0, 0xFFF));
        h.readWrite("vlan_pcp", () -> Integer.toString(s.tci >>> 13),
                v -> s.tci = (s.tci & 0x1FFF) | (HandlerValues.integer("vlan_pcp", v, 0, 7) << 13));
    }
}
