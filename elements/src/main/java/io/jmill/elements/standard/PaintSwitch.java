package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.Locale;

/**
 * Sends each packet to the output its paint annotation names.
 *
 * <pre>PaintSwitch([ANNO])</pre>
 *
 * <p>Sends every packet to output K, where K is the value of its paint annotation. Packets
 * painted 255 are duplicated to every output. Packets painted with a color that has no output are
 * dropped. Since colors are one byte and 255 is special, PaintSwitch is useful with up to 255
 * outputs.
 *
 * <p>Ports: one input, any number of outputs, push.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code ANNO}: the one-byte annotation to read instead of PAINT, named in Click's style
 *     ({@code PAINT}, {@code ICMP_PARAM_PROB}, or a name of your own, which is registered as a
 *     one-byte named annotation, e.g. the one a {@code Paint(ANNO ...)} upstream writes). Click's
 *     numeric annotation offsets are not supported: JMill's metadata has no fixed layout.
 *     Default PAINT.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): copies for color 255 that could not be made because the packet pool
 *     was exhausted.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; Paint(1) -&gt; ps :: PaintSwitch;  ps[0] -&gt; a;  ps[1] -&gt; b;</pre>
 */
@ElementInfo(ports = "1/-", processing = "h/h")
public final class PaintSwitch extends Element implements DropCounter {
    /** The color that means "every output". */
    static final int ALL_OUTPUTS = 255;

    /** The annotation read, or null for the built-in PAINT (read through its own accessor). */
    private final MetadataField anno;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public PaintSwitch(ElementConfig c) {
        super(c);
        var args = c.args();
        var arg = args.positional("ANNO");
        String name = arg.string("PAINT");
        MetadataField field = oneByteAnnotation(name);
        if (field == null) {
            args.error("ANNO: expected a one-byte annotation name such as PAINT, got '" + arg.raw() + "'");
            field = MetadataField.PAINT;
        }
        anno = field == MetadataField.PAINT ? null : field;
    }

    /**
     * The one-byte annotation a Click-style name designates: a built-in field (PAINT is
     * {@code paint}) or a named annotation, registered if new. Null if the name is malformed or
     * designates a field of another size.
     */
    static MetadataField oneByteAnnotation(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return null;
        }
        String key = name.toLowerCase(Locale.ROOT);
        MetadataField f = MetadataField.byName(key);
        if (f == null) {
            try {
                f = MetadataField.register(key, 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return f.size() == 1 ? f : null;
    }

    @Override
    public void push(int port, Packet p) {
        int color = anno == null ? p.paint() : (int) p.anno(anno);
        if (color != ALL_OUTPUTS) {
            checkedOutput(color, p);
            return;
        }
        int n = noutputs();
        for (int i = 0; i < n - 1; i++) {
            Packet q = p.clone();
            if (q == null) {
                state.drops++;
            } else {
                output(i, q);
            }
        }
        if (n > 0) {
            output(n - 1, p);
        } else {
            p.kill();
        }
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
