package io.jmill.profiler;

import io.jmill.engine.element.Element;
import io.jmill.jvmci.Jvmci;
import io.jmill.jvmci.MethodProfile;

import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metadata-field accesses of one element per packet, measured: each static access site of
 * {@link FieldAccessSites} weighed by how often HotSpot's own profile says its instruction ran per
 * call of the element's entry point ({@link BlockFrequencies}, through the calls that lead to the
 * site). Multiplied by the packets the profiler counted into the element, these are measured
 * reads and writes; a site on a branch that never runs counts 0, one in a loop counts as often as
 * the loop turns. Nothing is added to the data path: HotSpot profiled the code anyway.
 *
 * <pre>{@code
 * MeasuredFieldAccesses m = MeasuredFieldAccesses.of(element, FieldAccessSites.of(element));
 * if (m.problem() == null) m.readsPerPacket("paint");   // 0.25
 * }</pre>
 *
 * <p>HotSpot profiles per method, not per object: elements of the same class share their
 * methods' profile, and so their per-packet frequencies (the profile's notes say so).
 * The profile covers the calls before C2 compiled a method; frequencies are taken to hold for the
 * rest of the run. A task's {@code runTask} is weighed per batch ({@link #readsPerBatch}).
 */
final class MeasuredFieldAccesses {
    /** Calls deeper than this are not followed (a recursion the analysis did not cut). */
    private static final int MAX_DEPTH = 16;
    /** A method reached more often than this per packet without a profile makes the element unmeasured. */
    private static final double UNPROFILED_LIMIT = 0.01;

    private final Map<String, double[]> perPacket;
    private final Map<String, double[]> perBatch;
    private final String problem;
    private final int guessedBranches;

    private MeasuredFieldAccesses(Map<String, double[]> perPacket, Map<String, double[]> perBatch, String problem,
                                  int guessedBranches) {
        this.perPacket = perPacket;
        this.perBatch = perBatch;
        this.problem = problem;
        this.guessedBranches = guessedBranches;
    }

    /** Measures {@code element}'s per-packet accesses from its class's HotSpot profile. */
    static MeasuredFieldAccesses of(Element element, FieldAccessSites sites) {
        String off = Jvmci.unavailableReason();
        if (off != null) {
            return new MeasuredFieldAccesses(Map.of(), Map.of(), off, 0);
        }
        if (!sites.problems().isEmpty()) {
            return new MeasuredFieldAccesses(Map.of(), Map.of(), "the static analysis is incomplete", 0);
        }
        return new Walk(element.getClass().getClassLoader()).run(sites.graph());
    }

    /** Reads of {@code field} per call of {@code push} or {@code pull}: per packet. */
    double readsPerPacket(String field) {
        double[] rw = perPacket.get(field);
        return rw == null ? 0 : rw[0];
    }

    double writesPerPacket(String field) {
        double[] rw = perPacket.get(field);
        return rw == null ? 0 : rw[1];
    }

    /** Reads of {@code field} per call of {@code runTask}: per batch of a task. */
    double readsPerBatch(String field) {
        double[] rw = perBatch.get(field);
        return rw == null ? 0 : rw[0];
    }

    double writesPerBatch(String field) {
        double[] rw = perBatch.get(field);
        return rw == null ? 0 : rw[1];
    }

    /** Why the element could not be measured, or null. */
    String problem() {
        return problem;
    }

    /** Branches on the measured path whose probability HotSpot had no data for (guessed 50%). */
    int guessedBranches() {
        return guessedBranches;
    }

    /** One walk over an element's site graph. */
    private static final class Walk {
        private final ClassLoader loader;
        private final Map<String, BlockFrequencies> frequencies = new HashMap<>();
        private final Map<String, double[]> perPacket = new LinkedHashMap<>();
        private final Map<String, double[]> perBatch = new LinkedHashMap<>();
        private Map<String, double[]> into;
        private final Set<String> onStack = new HashSet<>();
        private Map<String, List<FieldAccessSites.SiteGraph.Site>> sitesByMethod;
        private Map<String, List<FieldAccessSites.SiteGraph.Call>> callsByMethod;
        private FieldAccessSites.SiteGraph graph;
        private String problem;
        private int guessed;

        Walk(ClassLoader loader) {
            this.loader = loader != null ? loader : ClassLoader.getSystemClassLoader();
        }

        MeasuredFieldAccesses run(FieldAccessSites.SiteGraph g) {
            graph = g;
            sitesByMethod = new HashMap<>();
            callsByMethod = new HashMap<>();
            for (var s : g.sites()) {
                sitesByMethod.computeIfAbsent(s.method(), k -> new ArrayList<>()).add(s);
            }
            for (var c : g.calls()) {
                callsByMethod.computeIfAbsent(c.caller(), k -> new ArrayList<>()).add(c);
            }
            for (String entry : g.entries()) {
                into = entry.contains(".runTask(") ? perBatch : perPacket;
                walk(entry, 1.0, 0);
            }
            return new MeasuredFieldAccesses(perPacket, perBatch, problem, guessed);
        }

        private void walk(String method, double calls, int depth) {
            if (problem != null || calls == 0 || depth > MAX_DEPTH || !onStack.add(method)) {
                return;
            }
            try {
                BlockFrequencies f = frequencies(method, calls);
                if (f == null) {
                    return;
                }
                for (var s : sitesByMethod.getOrDefault(method, List.of())) {
                    into.computeIfAbsent(s.field(), k -> new double[2])[s.write() ? 1 : 0] += calls * f.at(s.bci());
                }
                for (var c : callsByMethod.getOrDefault(method, List.of())) {
                    walk(c.callee(), calls * f.at(c.bci()), depth + 1);
                }
            } finally {
                onStack.remove(method);
            }
        }

        /** The method's instruction frequencies, or null (and maybe a problem) if it cannot be weighed. */
        private BlockFrequencies frequencies(String key, double calls) {
            BlockFrequencies cached = frequencies.get(key);
            if (cached != null) {
                return cached;
            }
            FieldAccessSites.SiteGraph.Method m = graph.methods().get(key);
            if (m == null || m.model().code().isEmpty()) {
                return null;
            }
            MethodProfile profile;
            try {
                profile = MethodProfile.of(executable(m));
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                problem = "cannot read the profile of " + key + ": " + e;
                return null;
            }
            if (!profile.profiled() && calls > UNPROFILED_LIMIT && hasBranches(m)) {
                problem = "HotSpot has no profile of " + profile.method() + " yet (it ran too rarely)";
                return null;
            }
            BlockFrequencies f = BlockFrequencies.of(m.model().code().get(), profile);
            if (profile.profiled()) {
                guessed += f.unknownBranches();
            }
            frequencies.put(key, f);
            return f;
        }

        private static boolean hasBranches(FieldAccessSites.SiteGraph.Method m) {
            for (var e : m.model().code().get()) {
                if (e instanceof java.lang.classfile.instruction.BranchInstruction b
                        && b.opcode() != java.lang.classfile.Opcode.GOTO && b.opcode() != java.lang.classfile.Opcode.GOTO_W) {
                    return true;
                }
                if (e instanceof java.lang.classfile.instruction.TableSwitchInstruction
                        || e instanceof java.lang.classfile.instruction.LookupSwitchInstruction) {
                    return true;
                }
            }
            return false;
        }

        private Executable executable(FieldAccessSites.SiteGraph.Method m) throws ReflectiveOperationException {
            Class<?> owner = Class.forName(m.owner(), false, loader);
            String name = m.model().methodName().stringValue();
            String desc = m.model().methodType().stringValue();
            List<Executable> candidates = new ArrayList<>(List.of(owner.getDeclaredMethods()));
            candidates.addAll(List.of(owner.getDeclaredConstructors()));
            for (Executable e : candidates) {
                String n = e instanceof java.lang.reflect.Constructor<?> ? "<init>" : e.getName();
                Class<?> ret = e instanceof java.lang.reflect.Method rm ? rm.getReturnType() : void.class;
                if (n.equals(name) && MethodType.methodType(ret, e.getParameterTypes()).toMethodDescriptorString().equals(desc)) {
                    return e;
                }
            }
            throw new NoSuchMethodException(m.owner() + "." + name + desc);
        }
    }
}
