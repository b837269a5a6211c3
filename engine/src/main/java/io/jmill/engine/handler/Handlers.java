package io.jmill.engine.handler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The handlers of one element (or of the router), in registration order. Elements add theirs in
 * {@code addHandlers}:
 *
 * <pre>{@code
 * h.readLong("count", () -> state.count);
 * h.write("reset", v -> state.reset());
 * }</pre>
 *
 * Registering a name twice merges reader and writer (so a read handler and a write handler of the
 * same name form one read/write handler).
 */
public final class Handlers {
    private final Map<String, Handler> byName = new LinkedHashMap<>();

    public Handlers read(String name, ReadHandler reader) {
        Handler old = byName.get(name);
        byName.put(name, new Handler(name, reader, old == null ? null : old.writer()));
        return this;
    }

    public Handlers readLong(String name, LongSupplier value) {
        return read(name, () -> Long.toString(value.getAsLong()));
    }

    public Handlers write(String name, WriteHandler writer) {
        Handler old = byName.get(name);
        byName.put(name, new Handler(name, old == null ? null : old.reader(), writer, old == null ? null : old.paramReader()));
        return this;
    }

    /** A read handler that takes parameters (keeps a write handler of the same name). */
    public Handlers readParams(String name, ParamReadHandler reader) {
        Handler old = byName.get(name);
        byName.put(name, new Handler(name, null, old == null ? null : old.writer(), reader));
        return this;
    }

    public Handlers readWrite(String name, ReadHandler reader, WriteHandler writer) {
        byName.put(name, new Handler(name, reader, writer));
        return this;
    }

    /** The handler of that name, or null. */
    public Handler get(String name) {
        return byName.get(name);
    }

    public List<Handler> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }
}
