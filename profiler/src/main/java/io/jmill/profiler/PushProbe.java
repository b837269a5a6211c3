package io.jmill.profiler;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.PortRef;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

/**
 * Counts the packets pushed along one edge, then pushes them on to the real downstream port.
 *
 * <p>A template: {@link ProbeClasses} defines a hidden copy of this class per edge, with the
 * downstream port as its class data. The static finals below are then constants of that copy,
 * so the JIT compiles the forwarding call as a direct call on a known receiver and inlines the
 * downstream element into the probe: what remains per packet is the counter increment.
 */
final class PushProbe extends EdgeProbe {
    private static final Element NEXT;
    private static final int NEXT_PORT;

    static {
        PortRef target = ProbeClasses.classData(java.lang.invoke.MethodHandles.lookup());
        NEXT = target == null ? null : target.element();
        NEXT_PORT = target == null ? 0 : target.port();
    }

    PushProbe(String name, PortRef target) {
        super(name, target);
    }

    @Override
    public void push(int port, Packet p) {
        packets++;
        NEXT.push(NEXT_PORT, p);
    }

    @Override
    public void pushBatch(int port, PacketBatch batch) {
        packets += batch.size();
        NEXT.pushBatch(NEXT_PORT, batch);
    }
}
