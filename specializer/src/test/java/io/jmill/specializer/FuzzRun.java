package io.jmill.specializer;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.testelements.FuzzSource;
import io.jmill.specializer.testelements.RecordAll;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fuzz case on the calling thread: builds an element's fuzz graph ({@link FuzzGraphs}) around
 * a {@link FuzzSource} of the given frames, runs every task until none has work left, and
 * returns what the recorders received, or the failure: an exception that escaped an element
 * (with {@code -Djmill.checkBounds=true}, a data access outside a packet's buffer is one), or
 * packets that did not go back to the pool.
 */
final class FuzzRun {
    private static final AtomicLong KEYS = new AtomicLong();
    private static final ElementRegistry REGISTRY = Routers.registry();
    /** Rounds over the tasks after which a graph that still has work is reported as not settling. */
    private static final int MAX_ROUNDS = 100_000;

    /** What one run produced: each recorder's packets, or a failure. */
    record Result(Map<String, List<String>> received, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    private FuzzRun() {
    }

    /** Runs {@code graph} on {@code frames}, every byte of the buffers outside the frames set to {@code poison}. */
    static Result run(String graph, List<byte[]> frames, int poison) {
        String key = "fuzz" + KEYS.incrementAndGet();
        FuzzSource.offer(key, frames);
        int before = PacketPool.inUse();
        Router r;
        try {
            r = Routers.build(REGISTRY, FuzzGraphs.withSource(graph, "FuzzSource(KEY " + key + ", POISON " + poison + ")"));
        } catch (Exception e) {
            return new Result(Map.of(), "the graph does not build: " + e);
        } finally {
            FuzzSource.offer(key, List.of());
        }
        String failure = null;
        try {
            failure = drain(r);
        } catch (Throwable e) {
            failure = "exception escaped: " + stackTop(e);
        } finally {
            r.close();
        }
        int leaked = PacketPool.inUse() - before;
        if (failure == null && leaked != 0) {
            failure = leaked + " packet(s) not given back to the pool";
        }
        Map<String, List<String>> received = new TreeMap<>();
        for (Element e : r.elements()) {
            if (e instanceof RecordAll rec) {
                received.put(e.name(), rec.recorded());
            }
        }
        return new Result(received, failure);
    }

    private static String drain(Router r) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean work = false;
            for (ScheduledTask t : r.tasks()) {
                if (t.done()) {
                    continue;
                }
                int n = ((Task) t.element()).runTask();
                work |= n > 0;
            }
            if (!work) {
                return null;
            }
        }
        return "still working after " + MAX_ROUNDS + " rounds over the tasks";
    }

    static String stackTop(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(8, st.length); i++) {
            sb.append("\n    at ").append(st[i]);
        }
        return sb.toString();
    }

    /** Frames as Java source, for a regression test: {@code "hex", "hex", ...}. */
    static String hex(List<byte[]> frames) {
        StringBuilder sb = new StringBuilder();
        for (byte[] f : frames) {
            sb.append(sb.isEmpty() ? "" : ",\n").append('"').append(HexFormat.of().formatHex(f)).append('"');
        }
        return sb.toString();
    }
}
