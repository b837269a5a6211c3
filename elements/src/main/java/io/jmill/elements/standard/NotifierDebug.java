package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Shows the notifier signal at its input.
 *
 * <pre>NotifierDebug</pre>
 *
 * <p>Passes packets through unchanged. Its {@code signal} handler shows, in Click's notation, the
 * signal of the empty notifiers upstream (a pull input: whether packets may be pulled) or of the
 * full notifiers downstream (a push input: whether there is room): {@code NAME/MASK:VALUE} per
 * signal word, in hex, with {@code *} when active, several words joined by {@code +}, e.g.
 * {@code empty.0/1:1*}; {@code busy*} where no notifier says (always active), {@code idle} for
 * Idle (never active).
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code signal} (read): the signal, as above.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>q :: Queue -&gt; n :: NotifierDebug -&gt; Unqueue -&gt; Discard;
 * DriverManager(wait 1s, print n.signal)</pre>
 *
 * <p>See also: Queue, TimeSortedSched.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class NotifierDebug extends SimpleElement {
    private final State state = new State();

    private static final class State {
        NotifierSignal signal = NotifierSignal.BUSY;
    }

    public NotifierDebug(ElementConfig c) {
        super(c);
    }

    @Override
    public void initialize() {
        NotifierSignals signals = NotifierSignals.of(host());
        state.signal = inputIsPush(0) ? signals.downstreamFull(this, 0) : signals.upstreamEmpty(this, 0);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("signal", () -> s.signal.toString());
    }
}
