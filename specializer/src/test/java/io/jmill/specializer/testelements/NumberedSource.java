package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;

/**
 * Test source: emits LIMIT packets of LENGTH bytes (default 60), numbered 0, 1, ... in their
 * first four bytes, with a byte pattern derived from the number after them; its task is done
 * after LIMIT. Sends only while {@code active} (keyword ACTIVE, handler {@code active}). With
 * BATCH true it hands each burst on as one batch, whatever the router's default.
 */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class NumberedSource extends Element implements Task, TrafficSource {
    private final long limit;
    private final int length;
    private final int burst;
    private final PacketBatch batch;
    private final State state = new State();

    private static final class State {
        volatile boolean active;
        long sent;
    }

    public NumberedSource(ElementConfig c) {
        super(c);
        limit = c.args().keyword("LIMIT").longValue(-1);
        length = c.args().keyword("LENGTH").integer(60, 8, 1500);
        burst = c.args().keyword("BURST").integer(c.batch(), 1, 4096);
        state.active = c.args().keyword("ACTIVE").bool(true);
        batch = c.args().keyword("BATCH").bool(false) ? new PacketBatch(burst) : null;
    }

    @Override
    public int runTask() {
        State s = state;
        if (!s.active) {
            return 0;
        }
        if (batch != null) {
            batch.clear(); // empty unless an exception cut the last run short
        }
        int n = 0;
        while (n < burst && (limit < 0 || s.sent < limit)) {
            Packet p = PacketPool.alloc();
            if (p == null) {
                break;
            }
            int number = (int) s.sent;
            p.setLength(length);
            p.setU32(0, number);
            for (int i = 4; i < length; i++) {
                p.setU8(i, number * 7 + i);
            }
            s.sent++;
            n++;
            if (batch != null) {
                batch.add(p);
            } else {
                output(0, p);
            }
        }
        if (batch != null && !batch.isEmpty()) {
            outputBatch(0, batch);
            batch.clear();
        }
        if (limit >= 0 && s.sent >= limit && n == 0) {
            return DONE;
        }
        return n;
    }

    @Override
    public long packetsOut() {
        return state.sent;
    }

    @Override
    public long bytesOut() {
        return state.sent * length;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.sent);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = Boolean.parseBoolean(v.strip()));
    }
}
