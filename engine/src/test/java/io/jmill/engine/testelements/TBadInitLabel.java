package io.jmill.engine.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/** Test element with Print-like arguments: LABEL, MAXLENGTH positional, LIMIT keyword. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class TBadInitLabel extends SimpleElement {
    private final String label;
    private final int max;

    public TBadInitLabel(ElementConfig c) {
        super(c);
        label = c.args().positional("LABEL").string("");
        max = c.args().positional("MAXLENGTH").integer(24);
        c.args().keyword("LIMIT").integer(0);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.read("label", () -> label + "/" + max);
    }
}
