package io.jmill.engine.jmx;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/** Test source for the JMX tests: each {@link #runTask()} pushes one 60-byte packet. */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class JmxTestSource extends Element implements Task, TrafficSource {
    static final int LENGTH = 60;
    private long packets;

    public JmxTestSource(ElementConfig c) {
        super(c);
    }

    @Override
    public int runTask() {
        Packet p = PacketPool.alloc(new byte[LENGTH]);
        if (p == null) {
            return 0;
        }
        packets++;
        output(0, p);
        return 1;
    }

    @Override
    public long packetsOut() {
        return packets;
    }

    @Override
    public long bytesOut() {
        return packets * LENGTH;
    }
}
