package io.jmill.elements.standard;

import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

/**
 * Sends each packet to the output its paint annotation names, modulo the number of outputs.
 *
 * <pre>PaintRR([ANNO])</pre>
 *
 * <p>Sends every packet to output {@code V % N}, where V is the value of its paint annotation (or
 * of the one-byte annotation ANNO) and N the number of outputs. Unlike PaintSwitch, every value
 * leads to an output, and 255 is not special.
 *
 * <p>Ports: one input, one or more outputs, push.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code ANNO}: the one-byte annotation to read: a name ({@code PAINT}, {@code FIX_IP_SRC},
 *     a name of your own) or a byte offset in Click's annotation area, which is translated to
 *     the JMill field FastClick keeps there (17 PAINT, 20-23 the bytes of AGGREGATE from the least
 *     significant, 0-3 DST_IP, 16 ICMP_PARAM_PROB, 19 FIX_IP_SRC; other offsets are refused).
 *     Default PAINT.</li>
 * </ul>
 *
 * <p>Example (spread flows numbered by AggregateIPFlows over three paths):
 * <pre>AggregateIPFlows -&gt; rr :: PaintRR(20);  rr[0] -&gt; a;  rr[1] -&gt; b;  rr[2] -&gt; c;</pre>
 *
 * <p>See also: PaintSwitch, Paint, RoundRobinSwitch.
 */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class PaintRR extends ClassifyingElement {
    /** The annotation read and the position of the byte in it (read here, so the specializer sees the field). */
    private final MetadataField annoField;
    private final int annoShift;

    public PaintRR(ElementConfig c) {
        super(c);
        var args = c.args();
        var arg = args.positional("ANNO");
        String text = arg.string(null);
        AnnoByte a = AnnoByte.PAINT;
        if (text != null) {
            String[] why = new String[1];
            a = AnnoByte.parse(text, why);
            if (a == null) {
                args.error("ANNO: " + why[0]);
                a = AnnoByte.PAINT;
            }
        }
        annoField = a.field();
        annoShift = a.shift();
    }

    @Override
    protected int classify(int port, Packet p) {
        return ((int) (p.anno(annoField) >>> annoShift) & 0xFF) % noutputs();
    }
}
