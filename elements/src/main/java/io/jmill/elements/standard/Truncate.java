package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

/**
 * Limits packet length.
 *
 * <pre>Truncate(LENGTH [, keyword EXTRA_LENGTH])</pre>
 *
 * <p>Shortens packets to at most LENGTH bytes by cutting their tail.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code LENGTH}: integer. Same as the LENGTH argument.</li>
 * <li>{@code EXTRA_LENGTH}: boolean. If true, the bytes cut off are added to the packet's
 *     {@code extra_length} annotation (a named four-byte annotation, Click's extra length), which
 *     Pad can restore. Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code length} (read/write): LENGTH.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; Truncate(96) -&gt; ToDump(headers.pcap);</pre>
 *
 * <p>See also: Pad, CheckLength, Strip.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Truncate extends SimpleElement {
    /** The extra-length annotation, or null if EXTRA_LENGTH is false. */
    private final MetadataField extra;
    private final State state = new State();

    private static final class State {
        volatile int length;
    }

    public Truncate(ElementConfig c) {
        super(c);
        var args = c.args();
        state.length = args.mandatoryPositional("LENGTH").integer(0, 0, Integer.MAX_VALUE);
        extra = args.keyword("EXTRA_LENGTH").bool(true) ? ExtraLength.FIELD : null;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int cut = p.length() - state.length;
        if (cut > 0) {
            p.take(cut);
            if (extra != null) {
                p.setAnno(extra, (int) p.anno(extra) + cut);
            }
        }
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("length", () -> Integer.toString(s.length),
                v -> s.length = HandlerValues.integer("length", v, 0, Integer.MAX_VALUE));
    }
}
