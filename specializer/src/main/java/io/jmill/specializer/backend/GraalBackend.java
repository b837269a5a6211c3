package io.jmill.specializer.backend;

import io.jmill.engine.element.Element;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.router.Router;
import io.jmill.jvmci.CompileScope;
import io.jmill.jvmci.GraalCompiler;
import io.jmill.jvmci.InstalledMethod;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compiles specialized code through Graal before it is swapped in: the {@code runTask} of every
 * specialized task body — the batch loop — with the whole chain of copies it reaches inlined
 * into it, and installs the code through JVMCI as each loop's own. The first batch after the swap
 * runs it, and the copies' methods are never called on their own (so HotSpot never interprets or
 * compiles them). Three things set this compilation apart from what C2 would do once the copies
 * are hot (see {@link CompileScope}):
 * <ul>
 * <li>every call into a copy's class that Graal resolves (constant receivers, the port
 *     dispatchers, static helpers) is inlined while parsing, up to {@link #INLINING_BUDGET} bytes
 *     of bytecode per loop; recursion stays a call;</li>
 * <li>the configuration the copies reach that does not change once the router is configured, or
 *     that only write handlers change ({@link ConfigArrays}), is constant: arrays are stable (a
 *     load at a constant index folds), final fields of the elements' own objects fold (a rewrite
 *     pattern's addresses, a route's output), and so does a route table that handlers replace
 *     whole. The first write-handler call after the compilation withdraws the code
 *     ({@link HandlerWatch}) before the handler changes anything;</li>
 * <li>each copy's method compiles with the HotSpot profile of the generic method it was made from
 *     when their bytecode has the same shape, so the generic run's branch profile applies.</li>
 * </ul>
 *
 * <pre>{@code
 * GraalBackend.Installed code = GraalBackend.compile(originalToCopy, Element.BATCHES, router, log::add); // throws Fallback: stay on C2
 * ... swap ...
 * code.invalidate();                                                                   // at revert or re-specialization
 * }</pre>
 */
public final class GraalBackend {
    /** The methods compiled: the task bodies' batch loops. */
    static final Set<String> ENTRY_METHODS = Set.of("runTask");

    /**
     * Bytes of bytecode inlined into one batch loop at most: C2's own limit for one compilation
     * unit is of this order, and Graal's compile time grows with it.
     */
    static final int INLINING_BUDGET = 16_000;

    /**
     * {@code -Djmill.graal.fold=own}: fold only the copies' own configuration arrays that never
     * change, as before objects were followed (to measure what following them brings).
     */
    static final String FOLD_PROPERTY = "jmill.graal.fold";

    /**
     * Bytes of bytecode of hot helpers (methods outside the copies that HotSpot compiled during
     * the generic run) inlined into one loop; {@code -Djmill.graal.helperBudget=0} leaves them to
     * Graal's policy (to measure what inlining them brings and costs).
     */
    static final int HELPER_BUDGET = 12_000;
    static final String HELPER_BUDGET_PROPERTY = "jmill.graal.helperBudget";

    private GraalBackend() {
    }

    /** Why the specialized code stays with C2: Graal is unavailable or bailed out. */
    public static final class Fallback extends Exception {
        public Fallback(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * Code Graal installed for one specialization; {@link #invalidate()} hands the methods back to
     * HotSpot. {@code handlerWatch}: the watch on the write handlers, if handler-written
     * configuration was folded (else null).
     */
    public record Installed(List<InstalledMethod> methods, long compileNanos, HandlerWatch handlerWatch) {
        public Installed {
            methods = List.copyOf(methods);
        }

        /** Invalidates every installed method (idempotent). */
        public void invalidate() {
            methods.forEach(InstalledMethod::invalidate);
            if (handlerWatch != null) {
                handlerWatch.disarm();
            }
        }

        /** Whether the code folded configuration that write handlers change (a write withdraws it). */
        public boolean foldsHandlerWrittenConfiguration() {
            return handlerWatch != null;
        }

        /** Reads of configuration arrays that became constants. */
        public long constantArrayReads() {
            return methods.stream().mapToLong(InstalledMethod::constantArrayReads).sum();
        }

        /** Reads of configuration objects' fields that became constants. */
        public long constantFieldReads() {
            return methods.stream().mapToLong(InstalledMethod::constantFieldReads).sum();
        }

        /** Methods whose installed code is still entered. */
        public long alive() {
            return methods.stream().filter(InstalledMethod::alive).count();
        }

        /** Bytes of machine code installed. */
        public long codeBytes() {
            return methods.stream().mapToLong(InstalledMethod::codeSize).sum();
        }

        /** Methods of the copies inlined into the installed loops. */
        public long inlinedMethods() {
            return methods.stream().mapToLong(InstalledMethod::inlinedMethods).sum();
        }

        /** Calls into the copies that the installed loops still make (0: the whole chain is inlined). */
        public long callsLeft() {
            return methods.stream().mapToLong(InstalledMethod::callsLeft).sum();
        }

        /** One line: what was compiled, how big, how long it took, what was inlined and folded. */
        public String summary() {
            return methods.size() + " methods compiled by Graal " + GraalCompiler.version() + " and installed through JVMCI in "
                    + compileNanos / 1_000_000 + " ms (" + codeBytes() + " bytes of code; " + inlinedMethods()
                    + " methods of the chain inlined, " + callsLeft() + " calls into it left ("
                    + methods.stream().mapToLong(InstalledMethod::coldCallsLeft).sum() + " never made in the generic run), "
                    + methods.stream().mapToLong(InstalledMethod::inlinedHelpers).sum() + " hot helpers inlined; "
                    + constantArrayReads() + " configuration array reads constant, " + constantFieldReads()
                    + " configuration field reads constant"
                    + (handlerWatch != null ? " (some changed by write handlers: the first handler write withdraws this code)" : "")
                    + "; "
                    + methods.stream().mapToLong(InstalledMethod::borrowedProfiles).sum() + " methods with the generic profile, "
                    + methods.stream().mapToLong(InstalledMethod::unprofiledCopies).sum() + " without)";
        }
    }

    /** Null if Graal can compile in this JVM, else why not (one line). */
    public static String unavailableReason() {
        return GraalCompiler.unavailableReason();
    }

    /**
     * Compiles and installs the batch loops of the task bodies among the copies ({@code copies}:
     * each original element to its specialized copy; {@code batches}:
     * whether sources hand on batches; the loop is the same method either way). All or nothing: if
     * one method fails, what was installed is invalidated. If the code folds configuration that
     * write handlers change, the first write-handler call of any of {@code router}'s elements
     * invalidates it first and tells {@code withdrawn} (on the handler's thread).
     *
     * @throws Fallback with the reason, if Graal is unavailable or a compilation fails
     */
    public static Installed compile(Map<Element, Element> copies, boolean batches, Router router,
                                    Consumer<String> withdrawn) throws Fallback {
        String why = unavailableReason();
        if (why != null) {
            throw new Fallback(why, null);
        }
        long t0 = System.nanoTime();
        List<Handlers> handlers = new ArrayList<>();
        router.elements().forEach(e -> handlers.add(router.handlers(e)));
        HandlerWatch watch = new HandlerWatch(handlers); // before any value is read
        boolean reachable = !"own".equals(System.getProperty(FOLD_PROPERTY));
        ConfigArrays.Found found = ConfigArrays.of(copies, router.elements(), reachable);
        CompileScope scope = scope(copies, found);
        List<InstalledMethod> done = new ArrayList<>();
        try {
            for (Element copy : copies.values()) {
                if (!(copy instanceof io.jmill.engine.runtime.Task)) {
                    continue;
                }
                for (Method m : copy.getClass().getDeclaredMethods()) {
                    if (!Modifier.isAbstract(m.getModifiers()) && !m.isBridge() && ENTRY_METHODS.contains(m.getName())
                            && m.getParameterCount() == 0) {
                        done.add(GraalCompiler.compileAndInstall(m, scope));
                    }
                }
            }
        } catch (GraalCompiler.CompilationFailed | IllegalStateException e) {
            done.forEach(InstalledMethod::invalidate);
            throw new Fallback(e.getMessage(), e);
        }
        if (!found.handlerWritten()) {
            return new Installed(done, System.nanoTime() - t0, null);
        }
        Installed installed = new Installed(done, System.nanoTime() - t0, watch);
        boolean fresh = watch.arm(() -> {
            installed.invalidate();
            withdrawn.accept("Graal code of " + done.size() + " methods withdrawn before a write handler ran"
                    + " (it folded configuration that write handlers change); HotSpot compiles the methods again");
        });
        if (!fresh) {
            installed.invalidate();
            throw new Fallback("a write handler ran while Graal compiled code that folds what write handlers change", null);
        }
        return installed;
    }

    /** The copies' classes inlined, each lent its original's profile, and what of their configuration folds. */
    static CompileScope scope(Map<Element, Element> copies, ConfigArrays.Found found) {
        Set<Class<?>> inlined = new HashSet<>();
        Map<Class<?>, Class<?>> profiledLike = new HashMap<>();
        copies.forEach((original, copy) -> {
            inlined.add(copy.getClass());
            profiledLike.put(copy.getClass(), original.getClass());
        });
        return new CompileScope(inlined, profiledLike, found.constantArrays(), found.trustedClasses(),
                found.snapshotFields(), INLINING_BUDGET, Integer.getInteger(HELPER_BUDGET_PROPERTY, HELPER_BUDGET));
    }
}
