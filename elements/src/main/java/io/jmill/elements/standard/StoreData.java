package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Overwrites packet data at an offset.
 *
 * <pre>StoreData(OFFSET, DATA [, MASK, keywords GROW])</pre>
 *
 * <p>Writes DATA (a string; {@code \<0a 0b>} for hex bytes) into the packet starting at OFFSET.
 * With MASK, only the bits set in MASK change (bytes of DATA beyond MASK's length are stored
 * whole). Data that would go past the end of the packet is not stored, unless GROW is true: then
 * the packet is lengthened (new bytes start at zero). A packet too short for OFFSET itself passes
 * unchanged.
 *
 * <p>Ports: one input, one output; agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code GROW}: boolean. Lengthen the packet to hold all of DATA. Default false.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; StoreData(1, \&lt;FF&gt;, MASK \&lt;02&gt;) -&gt; ...   // set bit 1 of byte 1</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class StoreData extends SimpleElement {
    private final int offset;
    private final byte[] data;
    private final byte[] mask;
    private final boolean grow;

    public StoreData(ElementConfig c) {
        super(c);
        Args args = c.args();
        offset = args.mandatoryPositional("OFFSET").integer(0, 0, 1 << 16);
        data = args.mandatoryPositional("DATA").data(new byte[0]);
        mask = args.positional("MASK").data(null);
        grow = args.keyword("GROW").bool(false);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int len = p.length();
        if (offset > len || (offset == len && !grow)) {
            return p;
        }
        int end = offset + data.length;
        if (end > len && grow) {
            int extra = end - len;
            if (p.put(extra)) {
                for (int i = len; i < end; i++) {
                    p.setU8(i, 0);
                }
                len = end;
            }
        }
        int n = Math.min(end, len) - offset;
        for (int i = 0; i < n; i++) {
            int v = data[i] & 0xFF;
            if (mask != null && i < mask.length) {
                int m = mask[i] & 0xFF;
                v = (p.u8(offset + i) & ~m) | (v & m);
            }
            p.setU8(offset + i, v);
        }
        return p;
    }
}
