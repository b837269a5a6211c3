package io.jmill.engine.jmx;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Test counter for the JMX tests. Counts packets; drops those beyond LIMIT (0: no limit).
 * Handlers: {@code count} (r), {@code reset} (w), {@code limit} (rw, a non-negative integer),
 * {@code fail} (r, always throws).
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class JmxTestCounter extends SimpleElement implements DropCounter {
    /** Run-time state lives apart from configuration, as the element model asks. */
    private static final class State {
        long count;
        long drops;
        long limit;
    }

    private final State state = new State();

    public JmxTestCounter(ElementConfig c) {
        super(c);
        state.limit = c.args().keyword("LIMIT").integer(0, 0, Integer.MAX_VALUE);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (state.limit > 0 && state.count >= state.limit) {
            state.drops++;
            p.kill();
            return null;
        }
        state.count++;
        return p;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", () -> state.count);
        h.write("reset", v -> {
            state.count = 0;
            state.drops = 0;
        });
        h.readWrite("limit", () -> Long.toString(state.limit), v -> {
            try {
                long limit = Long.parseLong(v.strip());
                if (limit < 0) {
                    throw new NumberFormatException();
                }
                state.limit = limit;
            } catch (NumberFormatException e) {
                throw new HandlerException("limit: expected a non-negative integer, not '" + v + "'");
            }
        });
        h.read("fail", () -> {
            throw new UnsupportedOperationException("broken on purpose");
        });
    }
}
