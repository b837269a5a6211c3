package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.Set;

/**
 * Duplicates packets with a given paint annotation.
 *
 * <pre>PaintTee(COLOR [, ANNO])</pre>
 *
 * <p>Sends every packet out of output 0. If its paint annotation equals COLOR, it also sends a
 * copy out of output 1. ANNO names another one-byte annotation to compare, as Paint's does.
 *
 * <p>Ports: one input, two outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code color} (read/write): COLOR.</li>
 * <li>{@code drops} (read): copies not made because the packet pool was exhausted.</li>
 * </ul>
 *
 * <p>Example (ICMP redirects, as in Click's IP router):
 * <pre>rt[7] -&gt; pt :: PaintTee(7) -&gt; ... -&gt; ToDevice(eth7);  pt[1] -&gt; ICMPError(18.26.4.24, redirect, host) -&gt; rt;</pre>
 *
 * <p>See also: Paint, CheckPaint, PaintSwitch.
 */
@ElementInfo(ports = "1/2", processing = "h/h")
public final class PaintTee extends Element implements DropCounter {
    private final MetadataField anno;
    private final State state = new State();

    private static final class State {
        volatile int color;
        long drops;
    }

    public PaintTee(ElementConfig c) {
        super(c);
        state.color = c.args().mandatoryPositional("COLOR").integer(0, 0, 255);
        anno = OneByteAnno.read(c, Set.of("COLOR", "ANNO"));
    }

    @Override
    public void push(int port, Packet p) {
        int paint = anno == null ? p.paint() : (int) p.anno(anno);
        if (paint == state.color) {
            Packet q = p.clone();
            if (q == null) {
                state.drops++;
            } else {
                output(1, q);
            }
        }
        output(0, p);
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("color", () -> Integer.toString(s.color), v -> s.color = HandlerValues.integer("color", v, 0, 255));
        h.readLong("drops", () -> s.drops);
    }
}
