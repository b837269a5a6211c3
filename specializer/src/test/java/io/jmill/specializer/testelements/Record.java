package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.ArrayList;
import java.util.List;

/**
 * Test sink: records the bytes and paint of every packet pushed to it, then frees it. Its
 * recording ({@link #recorded()}) survives specialization: it lives in a state object.
 */
@ElementInfo(ports = "1/0", processing = "h/h")
public final class Record extends Element {
    private final List<String> log = new ArrayList<>();

    public Record(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        StringBuilder sb = new StringBuilder().append(p.paint()).append(':');
        byte[] b = p.toByteArray();
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        synchronized (log) {
            log.add(sb.toString());
        }
        p.kill();
    }

    /** One entry per packet received: {@code paint:hexbytes}. */
    public List<String> recorded() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", () -> {
            synchronized (log) {
                return log.size();
            }
        });
    }
}
