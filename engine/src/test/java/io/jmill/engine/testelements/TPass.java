package io.jmill.engine.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/** Test pass-through that counts packets; FAIL_EVERY n throws on every n-th packet (after killing it). */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class TPass extends SimpleElement {
    private final long failEvery;
    private final long[] count = new long[1];

    public TPass(ElementConfig c) {
        super(c);
        failEvery = c.args().keyword("FAIL_EVERY").longValue(0, 0, Long.MAX_VALUE);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        count[0]++;
        if (failEvery > 0 && count[0] % failEvery == 0) {
            p.kill();
            throw new IllegalStateException("planned failure at packet " + count[0]);
        }
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", () -> count[0]);
        h.write("reset", v -> count[0] = 0);
        h.write("set", v -> {
            try {
                count[0] = Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new HandlerException("expected a number, not '" + v + "'");
            }
        });
    }
}
