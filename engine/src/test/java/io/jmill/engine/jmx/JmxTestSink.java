package io.jmill.engine.jmx;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/** Test sink for the JMX tests: frees every packet it receives. */
@ElementInfo(ports = "1/0", processing = "h/h")
public final class JmxTestSink extends Element {
    public JmxTestSink(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        p.kill();
    }
}
