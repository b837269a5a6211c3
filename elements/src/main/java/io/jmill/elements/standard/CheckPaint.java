package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.Set;

/**
 * Checks packets' paint annotation.
 *
 * <pre>CheckPaint(COLOR [, ANNO])</pre>
 *
 * <p>Passes packets whose paint annotation equals COLOR out of output 0; the others go out of
 * output 1 if it is connected, else they are dropped. ANNO names another one-byte annotation to
 * compare, as Paint's does.
 *
 * <p>Ports: one input, one or two outputs; agnostic, output 1 push. Pulled, a packet of another
 * color is sent to output 1 (or dropped) and the pull returns nothing.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code color} (read/write): COLOR.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; cp :: CheckPaint(3) -&gt; out;  cp[1] -&gt; Discard;</pre>
 *
 * <p>See also: Paint, PaintTee, PaintSwitch.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckPaint extends Element {
    private final MetadataField anno;
    private final State state = new State();

    private static final class State {
        volatile int color;
    }

    public CheckPaint(ElementConfig c) {
        super(c);
        state.color = c.args().mandatoryPositional("COLOR").integer(0, 0, 255);
        anno = OneByteAnno.read(c, Set.of("COLOR", "ANNO"));
    }

    private boolean matches(Packet p) {
        return (anno == null ? p.paint() : (int) p.anno(anno)) == state.color;
    }

    @Override
    public void push(int port, Packet p) {
        if (matches(p)) {
            output(0, p);
        } else {
            checkedOutput(1, p);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null || matches(p)) {
            return p;
        }
        checkedOutput(1, p);
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("color", () -> Integer.toString(s.color), v -> s.color = HandlerValues.integer("color", v, 0, 255));
    }
}
