package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.runtime.XchangeReceiver;
import io.jmill.layout.Packet;

/** Test element: passes packets and records the X-Change field masks the specializer hands it. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class MaskRecorder extends SimpleElement implements XchangeReceiver {
    private final State state = new State();

    private static final class State {
        volatile long fields = ALL_FIELDS;
        volatile int calls;
    }

    public MaskRecorder(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        return p;
    }

    @Override
    public String metadataModel() {
        return "xchange";
    }

    @Override
    public void xchangeFields(long fields) {
        state.fields = fields;
        state.calls++;
    }

    /** The last mask handed over. */
    public long fields() {
        return state.fields;
    }

    /** How many masks were handed over. */
    public int calls() {
        return state.calls;
    }
}
