package io.jmill.specializer.backend;

import io.jmill.engine.element.Element;
import io.jmill.jvmci.GraalCompiler;
import io.jmill.jvmci.InstalledMethod;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Compiles specialized code through Graal before it is swapped in: the {@code runTask} of every
 * specialized task body — the batch loop, into which Graal inlines the chain of copies it calls
 * on constant receivers. The code is installed as each method's own through JVMCI: the first
 * batch after the swap runs it, with no interpreted or C1 phase. Static finals of the hidden
 * classes (downstream copies, the configuration) are constants to Graal as they are to C2. A
 * callee Graal did not inline (too big, or behind a cycle) is left to HotSpot's own tiers;
 * compiling every copy's entry methods too was measured far too slow while Graal itself still
 * runs interpreted (76 methods of the router: 100 s on a loaded machine).
 *
 * <pre>{@code
 * GraalBackend.Installed code = GraalBackend.compile(copies);   // throws Fallback: stay on C2
 * ... swap ...
 * code.invalidate();                                            // at revert or re-specialization
 * }</pre>
 */
public final class GraalBackend {
    /** The methods compiled: the task bodies' batch loops. */
    static final Set<String> ENTRY_METHODS = Set.of("runTask");

    private GraalBackend() {
    }

    /** Why the specialized code stays with C2: Graal is unavailable or bailed out. */
    public static final class Fallback extends Exception {
        public Fallback(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Code Graal installed for one specialization; {@link #invalidate()} hands the methods back to HotSpot. */
    public record Installed(List<InstalledMethod> methods, long compileNanos) {
        public Installed {
            methods = List.copyOf(methods);
        }

        /** Invalidates every installed method (idempotent). */
        public void invalidate() {
            methods.forEach(InstalledMethod::invalidate);
        }

        /** Methods whose installed code is still entered. */
        public long alive() {
            return methods.stream().filter(InstalledMethod::alive).count();
        }

        /** Bytes of machine code installed. */
        public long codeBytes() {
            return methods.stream().mapToLong(InstalledMethod::codeSize).sum();
        }

        /** One line: what was compiled, how big, how long it took. */
        public String summary() {
            return methods.size() + " methods compiled by Graal " + GraalCompiler.version() + " and installed through JVMCI in "
                    + compileNanos / 1_000_000 + " ms (" + codeBytes() + " bytes of code)";
        }
    }

    /** Null if Graal can compile in this JVM, else why not (one line). */
    public static String unavailableReason() {
        return GraalCompiler.unavailableReason();
    }

    /**
     * Compiles and installs the batch loops of the task bodies among {@code copies} ({@code batches}:
     * whether sources hand on batches; the loop is the same method either way). All or nothing: if
     * one method fails, what was installed is invalidated.
     *
     * @throws Fallback with the reason, if Graal is unavailable or a compilation fails
     */
    public static Installed compile(Collection<Element> copies, boolean batches) throws Fallback {
        String why = unavailableReason();
        if (why != null) {
            throw new Fallback(why, null);
        }
        long t0 = System.nanoTime();
        List<InstalledMethod> done = new ArrayList<>();
        try {
            for (Element copy : copies) {
                if (!(copy instanceof io.jmill.engine.runtime.Task)) {
                    continue;
                }
                for (Method m : copy.getClass().getDeclaredMethods()) {
                    if (!Modifier.isAbstract(m.getModifiers()) && !m.isBridge() && ENTRY_METHODS.contains(m.getName())
                            && m.getParameterCount() == 0) {
                        done.add(GraalCompiler.compileAndInstall(m));
                    }
                }
            }
        } catch (GraalCompiler.CompilationFailed | IllegalStateException e) {
            done.forEach(InstalledMethod::invalidate);
            throw new Fallback(e.getMessage(), e);
        }
        return new Installed(done, System.nanoTime() - t0);
    }
}
