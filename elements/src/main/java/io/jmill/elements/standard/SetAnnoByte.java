package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.Set;

/**
 * Sets a one-byte annotation.
 *
 * <pre>SetAnnoByte(ANNO, VALUE)</pre>
 *
 * <p>Sets each packet's one-byte annotation ANNO to VALUE (0..255) and passes it on. ANNO is a
 * name, as PaintSwitch's: {@code PAINT}, {@code ICMP_PARAM_PROB}, or a name of your own, which is
 * registered as a one-byte named annotation. Click's numeric annotation offsets are not supported:
 * JMill's metadata has no fixed layout.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code value} (read/write): VALUE.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; SetAnnoByte(MY_CLASS, 3) -&gt; PaintSwitch(MY_CLASS) -&gt; ...</pre>
 *
 * <p>See also: Paint, PaintSwitch.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SetAnnoByte extends SimpleElement {
    private final MetadataField anno;
    private final State state = new State();

    private static final class State {
        volatile int value;
    }

    public SetAnnoByte(ElementConfig c) {
        super(c);
        var args = c.args();
        // SetAnnoByte(PAINT, 1): a bare uppercase word is the annotation's name, as in Click.
        String name = ClickPositional.keywordLike(c, 0, Set.of("ANNO", "VALUE"));
        if (name == null) {
            name = args.mandatoryPositional("ANNO").string("PAINT");
        }
        MetadataField field = PaintSwitch.oneByteAnnotation(name.strip());
        if (field == null) {
            args.error("ANNO: expected a one-byte annotation name such as PAINT, got '" + name + "'");
            field = MetadataField.PAINT;
        }
        anno = field;
        state.value = args.mandatoryPositional("VALUE").integer(0, 0, 255);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        p.setAnno(anno, state.value);
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("value", () -> Integer.toString(s.value), v -> s.value = HandlerValues.integer("value", v, 0, 255));
    }
}
