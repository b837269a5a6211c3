package io.jmill.profiler;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.PortRef;
import io.jmill.layout.Packet;

/**
 * Pulls from the real upstream port on behalf of one pull input and counts the packets that come
 * back (not the empty pulls). A template copied per edge by {@link ProbeClasses}, as
 * {@link PushProbe}: the upstream port is a constant of each copy.
 */
final class PullProbe extends EdgeProbe {
    private static final Element PREVIOUS;
    private static final int PREVIOUS_PORT;

    static {
        PortRef source = ProbeClasses.classData(java.lang.invoke.MethodHandles.lookup());
        PREVIOUS = source == null ? null : source.element();
        PREVIOUS_PORT = source == null ? 0 : source.port();
    }

    PullProbe(String name, PortRef source) {
        super(name, source);
    }

    @Override
    public Packet pull(int port) {
        Packet p = PREVIOUS.pull(PREVIOUS_PORT);
        if (p != null) {
            packets++;
        }
        return p;
    }
}
