package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

import java.util.Locale;

/**
 * Sets the packet type annotation.
 *
 * <pre>SetPacketType(TYPE)</pre>
 *
 * <p>Sets each packet's packet type annotation to TYPE, one of {@code HOST}, {@code BROADCAST},
 * {@code MULTICAST}, {@code OTHERHOST}, {@code OUTGOING}, {@code LOOPBACK} (case does not matter),
 * and passes it on.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>... -&gt; SetPacketType(HOST) -&gt; ToHost;</pre>
 *
 * <p>See also: HostEtherFilter, DropBroadcasts.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SetPacketType extends SimpleElement {
    static final String[] NAMES = {"HOST", "BROADCAST", "MULTICAST", "OTHERHOST", "OUTGOING", "LOOPBACK"};

    private final int type;

    public SetPacketType(ElementConfig c) {
        super(c);
        var arg = c.args().mandatoryPositional("TYPE");
        type = typeOf(arg.string("HOST"));
        if (type < 0) {
            c.args().error("TYPE: expected one of " + String.join(", ", NAMES) + ", got '" + arg.raw() + "'");
        }
    }

    /** The Packet constant of a Click packet-type name, or -1. */
    static int typeOf(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.setPacketType(type);
        return p;
    }
}
