package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Adds an 802.1Q VLAN tag to Ethernet packets.
 *
 * <pre>VLANEncap([VLAN_TCI, VLAN_PCP, keywords VLAN_ID, NATIVE_VLAN, ETHERTYPE])</pre>
 *
 * <p>Expects Ethernet frames whose data starts at the Ethernet header. Inserts a 4-byte 802.1Q
 * tag after the two MAC addresses: ETHERTYPE (0x8100) then the 16-bit TCI, so that the frame
 * becomes a VLAN-tagged frame whose original type field follows the tag. Sets the MAC header at
 * the start of the data.
 *
 * <p>The TCI is VLAN_TCI, or VLAN_ID and VLAN_PCP, or, with {@code VLAN_TCI ANNO} (or simply
 * {@code ANNO}), the packet's VLAN TCI annotation. If the VLAN ID to be written equals
 * NATIVE_VLAN, the frame is passed on untagged.
 *
 * <p>Frames shorter than an Ethernet header (14 bytes), and frames that cannot grow by 4 bytes,
 * are dropped and counted in {@code drops}.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code VLAN_TCI}: integer between 0 and 0xFFFF, or the word {@code ANNO}. Default 0.</li>
 * <li>{@code VLAN_PCP}: integer between 0 and 7, added to the TCI's priority bits. Default 0.
 *     Ignored with ANNO.</li>
 * <li>{@code VLAN_ID}: integer between 0 and 0xFFF. Give at most one of VLAN_TCI and VLAN_ID
 *     (Click lets VLAN_TCI win silently). Default 0.</li>
 * <li>{@code NATIVE_VLAN}: integer between -1 and 0xFFF. Frames of this VLAN ID are not tagged;
 *     -1 tags every frame. Default 0.</li>
 * <li>{@code ETHERTYPE}: integer between 0 and 0xFFFF, the tag's type: 0x8100 for 802.1Q,
 *     0x88a8 for 802.1ad service tags (QinQ). Default 0x8100.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code vlan_tci} (read/write): the TCI, or {@code ANNO}.</li>
 * <li>{@code vlan_id}, {@code vlan_pcp} (read/write): the ID and PCP bits of the configured TCI;
 *     writing either leaves ANNO mode and keeps the other bits.</li>
 * <li>{@code native_vlan} (read/write): the NATIVE_VLAN setting.</li>
 * <li>{@code ethertype} (read/write): the ETHERTYPE setting, read in hex ({@code 0x8100}).</li>
 * <li>{@code drops} (read): frames dropped as described above.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; VLANEncap(VLAN_ID 10) -&gt; ToDevice(eth1);</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class VLANEncap extends SimpleElement implements DropCounter {
    static final int ETHERTYPE_8021Q = 0x8100;

    private final State state = new State();

    /** What the handlers change, replaced whole so that a packet sees one consistent setting. */
    private record Settings(boolean useAnno, int tci, int nativeVlan, int ethertype) {
    }

    private static final class State {
        volatile Settings settings;
        long drops;
    }

    public VLANEncap(ElementConfig c) {
        super(c);
        var args = c.args();
        // "ANNO" alone reads as a bare keyword; VLAN_TCI ANNO as a keyword value.
        var annoWord = args.keyword("ANNO");
        boolean useAnno = annoWord.present();
        if (useAnno && !annoWord.raw().isEmpty()) {
            args.error("ANNO: takes no value");
        }
        int tci = 0;
        var tciArg = useAnno ? null : args.positional("VLAN_TCI");
        if (tciArg != null && tciArg.present()) {
            if ("ANNO".equals(tciArg.string(""))) {
                useAnno = true;
            } else {
                tci = tciArg.integer(0, 0, 0xFFFF);
            }
        }
        int pcp = args.positional("VLAN_PCP").integer(0, 0, 7);
        var idArg = args.keyword("VLAN_ID");
        int id = idArg.integer(0, 0, 0xFFF);
        int nativeVlan = args.keyword("NATIVE_VLAN").integer(0, -1, 0xFFF);
        int ethertype = args.keyword("ETHERTYPE").integer(ETHERTYPE_8021Q, 0, 0xFFFF);
        boolean tciGiven = useAnno || (tciArg != null && tciArg.present());
        if (tciGiven && idArg.present()) {
            args.error("specify at most one of VLAN_TCI and VLAN_ID");
        }
        if (!tciGiven) {
            tci = id;
        }
        state.settings = new Settings(useAnno, tci | (pcp << 13), nativeVlan, ethertype);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        Settings st = state.settings;
        int tci = st.useAnno() ? p.vlanTci() : st.tci();
        if ((tci & 0xFFF) == st.nativeVlan()) {
            p.setMacHeader(0);
            return p;
        }
        if (p.length() < 14 || !p.push(4)) {
            state.drops++;
            p.kill();
            return null;
        }
        p.moveData(4, 0, 12);
        p.setU16(12, st.ethertype());
        p.setU16(14, tci);
        p.setMacHeader(0);
        return p;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("vlan_tci", () -> s.settings.useAnno() ? "ANNO" : Integer.toString(s.settings.tci()), v -> {
            Settings st = s.settings;
            if (v != null && v.strip().equals("ANNO")) {
                s.settings = new Settings(true, st.tci(), st.nativeVlan(), st.ethertype());
            } else {
                int tci = HandlerValues.integer("vlan_tci", v, 0, 0xFFFF);
                s.settings = new Settings(false, tci, st.nativeVlan(), st.ethertype());
            }
        });
        h.readWrite("vlan_id", () -> Integer.toString(s.settings.tci() & 0xFFF), v -> {
            int id = HandlerValues.integer("vlan_id", v, 0, 0xFFF);
            Settings st = s.settings;
            s.settings = new Settings(false, (st.tci() & 0xF000) | id, st.nativeVlan(), st.ethertype());
        });
        h.readWrite("vlan_pcp", () -> Integer.toString(s.settings.tci() >>> 13), v -> {
            int pcp = HandlerValues.integer("vlan_pcp", v, 0, 7);
            Settings st = s.settings;
            s.settings = new Settings(false, (st.tci() & 0x1FFF) | (pcp << 13), st.nativeVlan(), st.ethertype());
        });
        h.readWrite("native_vlan", () -> Integer.toString(s.settings.nativeVlan()), v -> {
            int nativeVlan = HandlerValues.integer("native_vlan", v, -1, 0xFFF);
            Settings st = s.settings;
            s.settings = new Settings(st.useAnno(), st.tci(), nativeVlan, st.ethertype());
        });
        h.readWrite("ethertype", () -> String.format("0x%04x", s.settings.ethertype()), v -> {
            int ethertype = HandlerValues.integer("ethertype", v, 0, 0xFFFF);
            Settings st = s.settings;
            s.settings = new Settings(st.useAnno(), st.tci(), st.nativeVlan(), ethertype);
        });
        h.readLong("drops", () -> s.drops);
    }
}
