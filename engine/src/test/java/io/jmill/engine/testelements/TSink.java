package io.jmill.engine.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

/** Test sink: kills what it receives; when its input is pull, it is a task that pulls. */
@ElementInfo(ports = "1/0", processing = "a/a")
public final class TSink extends Element implements Task {
    private final long[] count = new long[1];

    public TSink(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        count[0]++;
        p.kill();
    }

    @Override
    public int runTask() {
        if (inputIsPush(0)) {
            return 0;
        }
        int n = 0;
        Packet p;
        while (n < 32 && (p = input(0)) != null) {
            count[0]++;
            p.kill();
            n++;
        }
        return n;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", () -> count[0]);
    }
}
