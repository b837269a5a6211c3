package io.jmill.specializer.observe;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Watches, through JFR event streaming, when HotSpot compiles and deoptimizes methods of the
 * classes we care about (the generated, specialized classes), so that a plan can say not only
 * what code was generated but when it actually became machine code — and when it fell back.
 *
 * <pre>{@code
 * try (CompilationWatcher w = CompilationWatcher.start(type -> type.contains("$JMill"))) {
 *     ... run ...
 *     w.events().forEach(System.out::println);
 * }
 * }</pre>
 *
 * JFR delivers events in chunks about once a second, so events arrive with that delay. The
 * {@code jdk.Compilation} event's default threshold hides short compilations; the watcher
 * records all of them.
 */
public final class CompilationWatcher implements AutoCloseable {
    private static final int MAX_EVENTS = 10_000;

    private final RecordingStream stream;
    private final Predicate<String> typeFilter;
    private final List<JitEvent> events = new ArrayList<>();
    private long dropped;

    private CompilationWatcher(Predicate<String> typeFilter) {
        this.typeFilter = typeFilter;
        this.stream = new RecordingStream();
        stream.enable("jdk.Compilation").withThreshold(Duration.ZERO);
        stream.enable("jdk.Deoptimization");
        stream.setMaxAge(Duration.ofSeconds(30));
        stream.onEvent("jdk.Compilation", this::onCompilation);
        stream.onEvent("jdk.Deoptimization", this::onDeoptimization);
    }

    /** Starts watching methods whose declaring class name passes {@code typeFilter}. */
    public static CompilationWatcher start(Predicate<String> typeFilter) {
        CompilationWatcher w = new CompilationWatcher(typeFilter);
        w.stream.startAsync();
        return w;
    }

    private void onCompilation(RecordedEvent e) {
        RecordedMethod m = e.getValue("method");
        if (m == null || !typeFilter.test(m.getType().getName())) {
            return;
        }
        boolean osr = e.hasField("isOsr") && e.getBoolean("isOsr");
        add(new JitEvent(JitEvent.Kind.COMPILED, e.getStartTime(), m.getType().getName(), m.getName(),
                e.hasField("compileLevel") ? e.getInt("compileLevel") : -1,
                e.hasField("codeSize") ? e.getLong("codeSize") : 0, osr ? "osr" : ""));
    }

    private void onDeoptimization(RecordedEvent e) {
        RecordedMethod m = e.getValue("method");
        if (m == null || !typeFilter.test(m.getType().getName())) {
            return;
        }
        String reason = e.hasField("reason") ? String.valueOf((Object) e.getValue("reason")) : "?";
        String action = e.hasField("action") ? String.valueOf((Object) e.getValue("action")) : "?";
        add(new JitEvent(JitEvent.Kind.DEOPTIMIZED, e.getStartTime(), m.getType().getName(), m.getName(), -1, 0,
                reason + " (" + action + ")"));
    }

    private synchronized void add(JitEvent event) {
        if (events.size() < MAX_EVENTS) {
            events.add(event);
        } else {
            dropped++;
        }
    }

    /** Events seen so far, oldest first. */
    public synchronized List<JitEvent> events() {
        return List.copyOf(events);
    }

    /** Events not kept because {@value #MAX_EVENTS} were already recorded. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Counts: compilations (at the top tier), deoptimizations. */
    public synchronized String summary() {
        long compiled = events.stream().filter(e -> e.kind() == JitEvent.Kind.COMPILED).count();
        long c2 = events.stream().filter(e -> e.kind() == JitEvent.Kind.COMPILED && e.level() == 4).count();
        long deopt = events.stream().filter(e -> e.kind() == JitEvent.Kind.DEOPTIMIZED).count();
        return compiled + " compilations (" + c2 + " by C2), " + deopt + " deoptimizations";
    }

    @Override
    public void close() {
        stream.close();
    }
}
