package io.jmill.elements.nat;

import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.CurrentWorker;
import io.jmill.engine.runtime.WorkerClock;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * A rewriter's mapping tables: one for the whole router, or one per worker thread, as FastClick
 * keeps them ("IMP": flows created on one thread are unknown on the others, and no thread touches
 * another's table, so the data path needs no synchronization). A worker's table is created the
 * first time the worker reaches the element (allocating, once). Handlers see the sum of the
 * tables.
 */
final class RewriteTables {
    private final boolean perWorker;
    private final int ninputs;
    private final int capacity;
    private final long reapInterval;
    private LongSupplier clock = WorkerClock::nanos;
    /** By worker index; written under this object's lock, read without (each worker reads its own). */
    private RewriteTable[] byWorker;
    /** MAPPING_CAPACITY naming another rewriter: each of our tables shares its table's capacity. */
    private RewriteTables capacityOwner;

    RewriteTables(boolean perWorker, int ninputs, int capacity, long reapInterval) {
        this.perWorker = perWorker;
        this.ninputs = ninputs;
        this.capacity = capacity;
        this.reapInterval = reapInterval;
        byWorker = new RewriteTable[] {newTable()};
    }

    private RewriteTable newTable() {
        RewriteTable t = new RewriteTable(ninputs, capacity, reapInterval, ThreadLocalRandom.current().nextLong());
        t.clock = clock;
        t.restartClock();
        return t;
    }

    /** The table of the calling worker (the only one if the tables are not per worker). */
    RewriteTable current() {
        RewriteTable[] t = byWorker;
        if (!perWorker) {
            return t[0];
        }
        int w = CurrentWorker.index();
        RewriteTable x = w < t.length ? t[w] : null;
        return x != null ? x : forWorker(w);
    }

    /** Worker {@code w}'s table, created if it has none yet (slow path). */
    synchronized RewriteTable forWorker(int w) {
        if (!perWorker) {
            return byWorker[0];
        }
        RewriteTable[] t = byWorker;
        if (w < t.length && t[w] != null) {
            return t[w];
        }
        RewriteTable x = newTable();
        if (capacityOwner != null) {
            x.shareCapacity(capacityOwner.forWorker(w));
        }
        RewriteTable[] grown = Arrays.copyOf(t, Math.max(t.length, w + 1));
        grown[w] = x;
        byWorker = grown;
        return x;
    }

    /** The tables that exist now. */
    synchronized RewriteTable[] all() {
        return Arrays.stream(byWorker).filter(java.util.Objects::nonNull).toArray(RewriteTable[]::new);
    }

    /** Shares {@code other}'s capacity (MAPPING_CAPACITY naming its element), at initialization. */
    synchronized void shareCapacity(RewriteTables other) {
        capacityOwner = other;
        for (int w = 0; w < byWorker.length; w++) {
            if (byWorker[w] != null) {
                byWorker[w].shareCapacity(other.forWorker(w));
            }
        }
    }

    /** Starts every table's clock afresh (at initialization). */
    void restartClocks() {
        setClock(clock);
    }

    /** Test hook: the clock of every table, present and future. */
    synchronized void setClock(LongSupplier c) {
        clock = c;
        for (RewriteTable t : all()) {
            t.clock = c;
            t.restartClock();
        }
    }

    long drops() {
        long n = 0;
        for (RewriteTable t : all()) {
            n += t.drops;
        }
        return n;
    }

    private long sum(java.util.function.ToLongFunction<RewriteTable> f) {
        long n = 0;
        for (RewriteTable t : all()) {
            n += f.applyAsLong(t);
        }
        return n;
    }

    private int inputCount(int in) {
        return (int) sum(t -> t.inputCount[in]);
    }

    /**
     * The handlers every rewriter has, as Click names them: the tables' size, capacity, failures
     * and drops, each input's pattern ({@code patterns}, {@code patternN}; writable if
     * {@code writer} is given) and {@code clear}.
     */
    void addHandlers(Handlers h, RewriteInputs inputs, RewriteTable.PatternWriter writer) {
        h.readLong("table_size", () -> sum(t -> t.flows));
        h.readLong("nmappings", () -> sum(t -> t.flows));
        h.readLong("size", () -> sum(t -> t.heap.size)); // a shared capacity is counted from each element
        h.readWrite("capacity", () -> Integer.toString(current().heap.capacity), v -> {
            int cap = RewriteTable.parseCapacity(v);
            for (RewriteTable t : all()) {
                t.heap.capacity = cap;
                t.heap.shrink(t.clock.getAsLong(), cap);
            }
        });
        h.readLong("mapping_failures", () -> sum(t -> t.failures));
        h.readLong("drops", this::drops);
        h.read("patterns", () -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ninputs; i++) {
                sb.append(inputs.describe(i, inputCount(i))).append('\n');
            }
            return sb.toString();
        });
        for (int i = 0; i < ninputs; i++) {
            int in = i;
            if (writer == null) {
                h.read("pattern" + i, () -> inputs.describe(in, inputCount(in)) + "\n");
            } else {
                h.readWrite("pattern" + i, () -> inputs.describe(in, inputCount(in)) + "\n", v -> writer.write(in, v));
            }
        }
        h.write("clear", v -> {
            for (RewriteTable t : all()) {
                t.clear();
            }
        });
    }
}
