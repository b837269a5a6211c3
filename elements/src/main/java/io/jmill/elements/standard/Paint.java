package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.Set;

/**
 * Sets packet paint annotations.
 *
 * <pre>Paint(COLOR [, ANNO])</pre>
 *
 * <p>Sets each packet's paint annotation to COLOR, an integer 0..255, and passes it on.
 *
 * <p>Paint sets the packet's {@code PAINT} annotation by default; ANNO names another one-byte
 * annotation instead: a built-in one such as {@code ICMP_PARAM_PROB}, or a named annotation that
 * an element has registered (names are not case-sensitive). Unlike Click, ANNO cannot be a byte
 * offset: JMill's metadata layout is not fixed.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code color} (read/write): the color to paint.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; Paint(1) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Paint extends SimpleElement {
    /** The annotation to set; null for the built-in paint field (its own accessor). */
    private final MetadataField anno;
    private final State state = new State();

    private static final class State {
        volatile int color;
    }

    public Paint(ElementConfig c) {
        super(c);
        var args = c.args();
        state.color = args.mandatoryPositional("COLOR").integer(0, 0, 255);
        anno = OneByteAnno.read(c, Set.of("COLOR", "ANNO"));
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (anno == null) {
            p.setPaint(state.color);
        } else {
            p.setAnno(anno, state.color);
        }
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("color", () -> Integer.toString(s.color), v -> s.color = HandlerValues.integer("color", v, 0, 255));
    }
}
