package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Passes packets unchanged, optionally dropping some input ports.
 *
 * <pre>Suppressor</pre>
 *
 * <p>Has as many outputs as inputs and passes packets from input K to output K, unless input K is
 * suppressed: then pushed packets are dropped and pulls return nothing. Every input starts
 * allowed; handlers suppress and allow them while the router runs.
 *
 * <p>Ports: any number of inputs, as many outputs, agnostic (each input like its output).
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code suppressK}, {@code allowK} (write), one pair per input K: suppress or allow input
 *     K.</li>
 * <li>{@code activeK} (read/write): true if input K is allowed.</li>
 * <li>{@code reset} (write): allow every input.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>a -&gt; [0] s :: Suppressor; b -&gt; [1] s; s[0] -&gt; out0; s[1] -&gt; out1;  // write s.suppress1</pre>
 *
 * <p>See also: Switch.
 */
@ElementInfo(ports = "-/=", processing = "a/a")
public final class Suppressor extends Element {
    /** 1 where an input is suppressed. */
    private final AtomicIntegerArray suppressed;

    public Suppressor(ElementConfig c) {
        super(c);
        suppressed = new AtomicIntegerArray(Math.max(1, c.ninputs()));
    }

    @Override
    public void push(int port, Packet p) {
        if (suppressed.getOpaque(port) != 0) {
            p.kill();
        } else {
            output(port, p);
        }
    }

    @Override
    public Packet pull(int port) {
        return suppressed.getOpaque(port) != 0 ? null : input(port);
    }

    @Override
    public void addHandlers(Handlers h) {
        AtomicIntegerArray s = suppressed;
        for (int i = 0; i < ninputs(); i++) {
            int k = i;
            h.write("suppress" + k, v -> s.set(k, 1));
            h.write("allow" + k, v -> s.set(k, 0));
            h.readWrite("active" + k, () -> Boolean.toString(s.get(k) == 0),
                    v -> s.set(k, HandlerValues.bool("active" + k, v) ? 0 : 1));
        }
        h.write("reset", v -> {
            for (int i = 0; i < s.length(); i++) {
                s.set(i, 0);
            }
        });
    }
}
