package io.jmill.bench;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Counts the packets pushed to it and leaves them alone: the benchmark that pushed them still
 * owns them and pushes them again. Lets a benchmark drive one element with the same pre-built
 * packets over and over, without an allocation and a free per packet. Not in the element index:
 * a benchmark registers it ({@code ElementRegistry.load().register(BenchSink.class)}).
 *
 * <pre>BenchSink</pre>
 *
 * <p>Ports: one input, agnostic (several outputs may push to it); no outputs.
 *
 * <p>Handlers: {@code count} (read): packets received.
 *
 * <p>Example: {@code Idle -> rt :: RadixIPLookup(10.0.0.0/8 0, 0/0 1); rt[0] -> s :: BenchSink; rt[1] -> s;}
 */
@ElementInfo(ports = "1/0", processing = "a/a")
public final class BenchSink extends Element {
    private final State state = new State();

    private static final class State {
        long count;
    }

    public BenchSink(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        state.count++;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
    }
}
