package io.jmill.elements.ethernet;

import io.jmill.engine.args.Arg;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

import java.util.Locale;

/**
 * Encapsulates packets in an Ethernet header with an 802.1Q VLAN tag.
 *
 * <pre>EtherVLANEncap(ETHERTYPE, SRC, DST [, VLAN_TCI, VLAN_PCP, keywords VLAN_ID, NATIVE_VLAN])</pre>
 *
 * <p>Prepends an 18-byte header: destination DST, source SRC, type 0x8100, the tag control
 * information, then ETHERTYPE. The TCI is VLAN_TCI (a number: VLAN 5 with PCP 1 is 0x2005), or
 * VLAN_ID with VLAN_PCP, or, if VLAN_TCI is the word {@code ANNO}, each packet's VLAN TCI
 * annotation (with VLAN_PCP's bits added). A packet whose VLAN ID equals NATIVE_VLAN goes out
 * untagged instead: a plain 14-byte Ethernet header. The MAC header annotation is set to the new
 * header.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code VLAN_TCI}: integer between 0 and 0xFFFF, or {@code ANNO}. Default 0.</li>
 * <li>{@code VLAN_PCP}: integer between 0 and 7. Default 0.</li>
 * <li>{@code VLAN_ID}: integer between 0 and 0xFFF, instead of VLAN_TCI.</li>
 * <li>{@code NATIVE_VLAN}: integer between -1 and 0xFFF: the VLAN sent untagged; -1 for none.
 *     Default 0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped because there was no room for the header.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; EtherVLANEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2, VLAN_ID 10) -&gt; ToDevice(trunk)</pre>
 *
 * <p>See also: StripEtherVLANHeader, EtherEncap, VLANEncap, SetVLANAnno.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class EtherVLANEncap extends SimpleElement implements DropCounter {
    private static final int TPID = 0x8100;
    private final int type;
    private final long src;
    private final long dst;
    private final boolean fromAnno;
    private final int tci;
    private final int pcpBits;
    private final int nativeVlan;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public EtherVLANEncap(ElementConfig c) {
        super(c);
        var args = c.args();
        type = args.mandatoryPositional("ETHERTYPE").integer(0, 0, 0xFFFF);
        src = args.mandatoryPositional("SRC").etherAddress(0);
        dst = args.mandatoryPositional("DST").etherAddress(0);
        Arg tciArg = args.positional("VLAN_TCI");
        Arg idArg = args.keyword("VLAN_ID");
        pcpBits = args.positional("VLAN_PCP").integer(0, 0, 7) << 13;
        fromAnno = tciArg.present() && tciArg.raw().strip().toUpperCase(Locale.ROOT).equals("ANNO");
        if (tciArg.present() && idArg.present()) {
            args.error("give VLAN_TCI or VLAN_ID, not both");
        }
        int t = fromAnno ? 0 : idArg.present() ? idArg.integer(0, 0, 0xFFF) : tciArg.integer(0, 0, 0xFFFF);
        tci = t | pcpBits;
        nativeVlan = args.keyword("NATIVE_VLAN").integer(0, -1, 0xFFF);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int t = fromAnno ? p.vlanTci() | pcpBits : tci;
        boolean untagged = (t & 0xFFF) == nativeVlan;
        int length = untagged ? Ether.HEADER_LENGTH : Ether.HEADER_LENGTH + 4;
        if (!p.push(length)) {
            state.drops++;
            p.kill();
            return null;
        }
        p.setMacHeader(0);
        Ether.setMac(p, 0, dst);
        Ether.setMac(p, 6, src);
        if (untagged) {
            p.setU16(12, type);
        } else {
            p.setU32(12, (TPID << 16) | (t & 0xFFFF));
            p.setU16(16, type);
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
