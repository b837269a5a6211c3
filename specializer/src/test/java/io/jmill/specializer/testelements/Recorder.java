package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.ArrayList;
import java.util.List;

/**
 * The test sinks {@link Record} and {@link RecordAll}: record a line per packet pushed
 * ({@code paint:hexbytes}, then what {@link #annotations} adds), then free it. The recording
 * ({@link #recorded()}) survives specialization: it lives in a state object.
 */
public abstract class Recorder extends Element {
    private final List<String> log = new ArrayList<>();

    protected Recorder(ElementConfig c) {
        super(c);
    }

    /** Appends the annotations this sink records, after the bytes. */
    protected abstract void annotations(Packet p, StringBuilder sb);

    @Override
    public void push(int port, Packet p) {
        StringBuilder sb = new StringBuilder().append(p.paint()).append(':');
        for (byte x : p.toByteArray()) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        annotations(p, sb);
        synchronized (log) {
            log.add(sb.toString());
        }
        p.kill();
    }

    /** One entry per packet received. */
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
