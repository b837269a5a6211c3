package io.jmill.engine.handler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>Every write handler counts its calls ({@link #writes()}) and runs the listeners of
 * {@link #beforeWrite} first: code compiled on the assumption that the element's configuration
 * stays as it is (the Graal backend's folded tables) is withdrawn before a handler changes it.
 */
public final class Handlers {
    private final Map<String, Handler> byName = new LinkedHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final List<Runnable> beforeWrite = new CopyOnWriteArrayList<>();

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
        byName.put(name, new Handler(name, old == null ? null : old.reader(), counted(writer),
                old == null ? null : old.paramReader()));
        return this;
    }

    /** A read handler that takes parameters (keeps a write handler of the same name). */
    public Handlers readParams(String name, ParamReadHandler reader) {
        Handler old = byName.get(name);
        byName.put(name, new Handler(name, null, old == null ? null : old.writer(), reader));
        return this;
    }

    public Handlers readWrite(String name, ReadHandler reader, WriteHandler writer) {
        byName.put(name, new Handler(name, reader, counted(writer)));
        return this;
    }

    /** The handler of that name, or null. */
    public Handler get(String name) {
        return byName.get(name);
    }

    public List<Handler> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** Write-handler calls so far (each counted as it starts, before the listeners run). */
    public long writes() {
        return writes.get();
    }

    /** Runs {@code listener} before every later write-handler call, on the caller's thread. */
    public void beforeWrite(Runnable listener) {
        beforeWrite.add(listener);
    }

    /** Stops running {@code listener}. */
    public void removeBeforeWrite(Runnable listener) {
        beforeWrite.remove(listener);
    }

    private WriteHandler counted(WriteHandler writer) {
        if (writer == null) {
            return null; // not writable: nothing to count
        }
        return value -> {
            writes.incrementAndGet();
            for (Runnable r : beforeWrite) {
                r.run();
            }
            writer.write(value);
        };
    }
}
