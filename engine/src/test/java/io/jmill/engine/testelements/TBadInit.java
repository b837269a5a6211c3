package io.jmill.engine.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test element whose initialize() fails with its REASON. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class TBadInit extends SimpleElement {
    private final String reason;

    public TBadInit(ElementConfig c) {
        super(c);
        reason = c.args().positional("REASON").string("broken");
    }

    @Override
    public void initialize() throws Exception {
        throw new java.io.FileNotFoundException(reason);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        return p;
    }
}
