package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Copies bytes from one place in the packet to another.
 *
 * <pre>MoveData(DST_OFFSET, SRC_OFFSET, LENGTH [, GROW])</pre>
 *
 * <p>Copies LENGTH bytes of the packet from SRC_OFFSET to DST_OFFSET (the ranges may overlap). If
 * the source range is not wholly in the packet, or the destination range does not fit and GROW is
 * false, the packet passes unchanged; with GROW true the packet is lengthened to hold the
 * destination.
 *
 * <p>Ports: one input, one output; agnostic.
 *
 * <p>Keyword arguments (also positional, in the order above): {@code DST_OFFSET},
 * {@code SRC_OFFSET}, {@code LENGTH}: byte counts; {@code GROW}: boolean, default false.
 *
 * <p>Example:
 * <pre>... -&gt; MoveData(SRC_OFFSET 0, DST_OFFSET 6, LENGTH 6) -&gt; ...   // copy the destination MAC over the source</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class MoveData extends SimpleElement {
    private final int dst;
    private final int src;
    private final int length;
    private final boolean grow;

    public MoveData(ElementConfig c) {
        super(c);
        Args args = c.args();
        dst = args.mandatoryPositional("DST_OFFSET").integer(0, 0, 1 << 16);
        src = args.mandatoryPositional("SRC_OFFSET").integer(0, 0, 1 << 16);
        length = args.mandatoryPositional("LENGTH").integer(0, 0, 1 << 16);
        grow = args.positional("GROW").bool(false);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int len = p.length();
        if (src + length > len) {
            return p;
        }
        int end = dst + length;
        if (end > len) {
            if (!grow || !p.put(end - len)) {
                return p;
            }
            for (int i = len; i < end; i++) {
                p.setU8(i, 0);
            }
        }
        p.moveData(src, dst, length);
        return p;
    }
}
