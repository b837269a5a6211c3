package io.jmill.bench.suite;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import org.HdrHistogram.Histogram;

/**
 * Counts the packets that reach the end of the graph and touches nothing of them: what the suite
 * puts in front of the measured sinks when latency is not measured ({@code --latency-sample 0}),
 * so that the throughput is the NF's own, without the cost of stamping and reading timestamps.
 *
 * <pre>CountProbe</pre>
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers: {@code count} (read): packets seen.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class CountProbe extends SimpleElement implements SinkProbe {
    private final SinkCount count = new SinkCount();

    public CountProbe(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        count.add();
        return p;
    }

    @Override
    public long count() {
        return count.get();
    }

    @Override
    public Histogram takeInterval() {
        return RunResult.emptyHistogram();
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", this::count);
    }
}
