package io.jmill.engine.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/**
 * Test source. Emits 60-byte packets numbered in their first four bytes.
 * LIMIT total packets (-1 none), STOP asks the router to stop at the limit.
 */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class TSource extends Element implements Task, TrafficSource {
    private final long limit;
    private final boolean stop;
    private final int burst;
    private final long[] sent = new long[1];

    public TSource(ElementConfig c) {
        super(c);
        limit = c.args().keyword("LIMIT").longValue(-1);
        stop = c.args().keyword("STOP").bool(false);
        burst = c.args().keyword("BURST").integer(c.batch(), 1, 4096);
    }

    @Override
    public int runTask() {
        int n = 0;
        while (n < burst && (limit < 0 || sent[0] < limit)) {
            Packet p = PacketPool.alloc();
            if (p == null) {
                break;
            }
            p.setLength(60);
            p.setU32(0, (int) sent[0]);
            sent[0]++;
            n++;
            output(0, p);
        }
        if (limit >= 0 && sent[0] >= limit) {
            if (stop) {
                host().stop("limit reached");
            }
            return n == 0 ? DONE : n;
        }
        return n;
    }

    @Override
    public long packetsOut() {
        return sent[0];
    }

    @Override
    public long bytesOut() {
        return sent[0] * 60;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", () -> sent[0]);
    }
}
