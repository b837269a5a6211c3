package io.jmill.cli;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/** Test element: kills every EVERY-th packet and throws. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class CliTestThrower extends SimpleElement {
    private final int every;
    private final long[] seen = new long[1];

    public CliTestThrower(ElementConfig c) {
        super(c);
        every = c.args().keyword("EVERY").integer(10, 1, Integer.MAX_VALUE);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (++seen[0] % every == 0) {
            p.kill();
            throw new IllegalStateException("thrown at packet " + seen[0]);
        }
        return p;
    }
}
