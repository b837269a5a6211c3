package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test element that passes packets, except packet number AT (from 1), on which it throws once. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class ThrowOnce extends SimpleElement {
    private final long at;
    private final State state = new State();

    private static final class State {
        long seen;
    }

    public ThrowOnce(ElementConfig c) {
        super(c);
        at = c.args().keyword("AT").longValue(1);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (++state.seen == at) {
            throw new IllegalStateException("packet " + at + " is not welcome here");
        }
        return p;
    }
}
