package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/** Test element: passes packets, counting those it handled as a specialized copy ({@code specialized}) or not ({@code generic}). */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Probe extends SimpleElement {
    private final State state = new State();

    private static final class State {
        long generic;
        long specialized;
    }

    public Probe(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (getClass().isHidden()) {
            state.specialized++;
        } else {
            state.generic++;
        }
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("generic", () -> s.generic);
        h.readLong("specialized", () -> s.specialized);
    }
}
