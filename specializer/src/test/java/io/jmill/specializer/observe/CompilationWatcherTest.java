package io.jmill.specializer.observe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CompilationWatcherTest {
    /** A method the JIT will compile once it is hot. */
    static final class Hot {
        static long spin(long x) {
            return x * 31 + (x >>> 7) ^ 0x5DEECE66DL;
        }
    }

    @Test
    void seesCompilationsOfWatchedClassesOnly() throws Exception {
        try (CompilationWatcher w = CompilationWatcher.start(t -> t.endsWith("CompilationWatcherTest$Hot"))) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            long acc = 1;
            List<JitEvent> events = List.of();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 1_000_000; i++) {
                    acc = Hot.spin(acc);
                }
                events = w.events();
                if (events.stream().anyMatch(e -> e.kind() == JitEvent.Kind.COMPILED && e.method().equals("spin"))) {
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(acc != 0);
            assertTrue(events.stream().anyMatch(e -> e.kind() == JitEvent.Kind.COMPILED && e.method().equals("spin")),
                    "a compilation of Hot.spin within 20 s: " + events);
            assertTrue(events.stream().allMatch(e -> e.type().endsWith("CompilationWatcherTest$Hot")), events.toString());
            assertTrue(w.summary().matches("\\d+ compilations \\(\\d+ by C2\\), \\d+ deoptimizations"), w.summary());
        }
    }
}
