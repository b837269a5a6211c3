package io.jmill.jvmci;

import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.graphbuilderconf.GraphBuilderContext;
import jdk.graal.compiler.nodes.graphbuilderconf.InlineInvokePlugin;
import jdk.graal.compiler.nodes.spi.ProfileProvider;
import jdk.vm.ci.hotspot.HotSpotResolvedJavaMethod;
import jdk.vm.ci.meta.ProfilingInfo;
import jdk.vm.ci.meta.ResolvedJavaMethod;
import jdk.vm.ci.meta.ResolvedJavaType;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Inlines, while Graal parses the bytecode, every resolved call into the classes of a
 * {@link CompileScope}: the specialized copies call each other on constant receivers, so the
 * whole chain becomes one graph, as C2 would build it once the copies are hot — but without
 * waiting for their profiles, which Graal's own inliner needs before it inlines a fresh method.
 * Calls the generic run never made (their execution count, in the profile the copy borrows, is
 * 0) are inlined within a small budget only ({@value #COLD_BUDGET} bytes); past it they stay
 * calls. Without a profile (a plan applied before any traffic) everything is inlined.
 *
 * <p>It also inlines the helpers the chain calls outside the copies (a flow table's lookup, a
 * driver ring's receive, a checksum): a method of the application (not of the JDK) of at most
 * {@value #HELPER_MAX_BYTES} bytes of bytecode (C2's limit for a hot call site) that HotSpot
 * compiled during the generic run (so it ran hot), within a budget of its own
 * ({@link CompileScope#helperBudget()}, 12,000 bytes from the backend); and any such method of
 * at most {@value #TRIVIAL_BYTES} bytes, which C2 inlines wherever it can (HotSpot may never
 * have compiled it on its own), without counting it against the budget. Graal's inliner would
 * leave these calls: the chain's call sites have no profile of their own, or one borrowed from a
 * method that ran interpreted for a short while, too cold for its relevance test. A helper call
 * the profile says never ran in the generic run (execution count 0 at its bytecode) is left to
 * Graal's policy, which keeps it out of line: cold code stays small, and so does the compile time.
 */
final class ChainInliner implements InlineInvokePlugin {
    /** Largest helper inlined (C2's {@code FreqInlineSize}). */
    static final int HELPER_MAX_BYTES = 325;
    /**
     * Bytes of bytecode of the scope's methods inlined at call sites the generic run never reached
     * (execution count 0): past it, such calls stay calls (HotSpot compiles the callee if it ever
     * runs), which keeps cold code and compile time small.
     */
    static final int COLD_BUDGET = 2_000;
    /** Helpers this small are inlined without counting against the budget (C2's {@code MaxInlineSize}). */
    static final int TRIVIAL_BYTES = 35;

    private final Set<ResolvedJavaType> inlined;
    private final ProfileProvider profiles;
    private final Map<ResolvedJavaMethod, ProfilingInfo> profileCache = new HashMap<>();
    private final int budget;
    private final int helperBudget;
    private int bytes;
    private int methods;
    private int refused;
    private int helperBytes;
    private int helpers;
    private int coldBytes;
    private int coldLeft;

    ChainInliner(Set<ResolvedJavaType> inlined, ProfileProvider profiles, int budget, int helperBudget) {
        this.inlined = inlined;
        this.profiles = profiles;
        this.helperBudget = helperBudget;
        this.budget = budget;
    }

    @Override
    public InlineInfo shouldInlineInvoke(GraphBuilderContext b, ResolvedJavaMethod method, ValueNode[] args) {
        if (!method.hasBytecodes() || b.parsingIntrinsic()) {
            return null;
        }
        if (!inlined.contains(method.getDeclaringClass())) {
            return hotHelper(b, method);
        }
        int size = method.getCodeSize();
        boolean cold = executionCount(b) == 0;
        if (b.recursiveInliningDepth(method) > 0 || !method.canBeInlined() || bytes + size > budget
                || cold && coldBytes + size > COLD_BUDGET) {
            refused++;
            if (cold) {
                coldLeft++;
            }
            return InlineInfo.DO_NOT_INLINE_WITH_EXCEPTION;
        }
        bytes += size;
        if (cold) {
            coldBytes += size;
        }
        methods++;
        return InlineInfo.createStandardInlineInfo(method);
    }

    /** Calls into the scope left out of line because the generic run never made them (the cold budget spent). */
    int coldLeft() {
        return coldLeft;
    }

    private InlineInfo hotHelper(GraphBuilderContext b, ResolvedJavaMethod method) {
        int size = method.getCodeSize();
        int cost = size <= TRIVIAL_BYTES ? 0 : size;
        if (helperBudget == 0 || size > HELPER_MAX_BYTES || helperBytes + cost > helperBudget || !method.canBeInlined()
                || b.recursiveInliningDepth(method) > 0 || isJdk(method.getDeclaringClass())
                || cost > 0 && !(method instanceof HotSpotResolvedJavaMethod hs && hs.hasCompiledCode())
                || executionCount(b) == 0) {
            return null; // Graal's own policy decides
        }
        helperBytes += cost;
        helpers++;
        return InlineInfo.createStandardInlineInfo(method);
    }

    /** How often the call being parsed ran in the generic run, or -1 if unknown. */
    private int executionCount(GraphBuilderContext b) {
        ProfilingInfo p = profileCache.computeIfAbsent(b.getMethod(), m -> profiles.getProfilingInfo(m, true, true));
        return p == null ? -1 : p.getExecutionCount(b.bci());
    }

    private static boolean isJdk(ResolvedJavaType t) {
        String n = t.getName();
        return n.startsWith("Ljava/") || n.startsWith("Ljavax/") || n.startsWith("Ljdk/") || n.startsWith("Lsun/")
                || n.startsWith("Lcom/sun/");
    }

    /** Hot helpers (methods outside the scope's classes) inlined so far. */
    int helpers() {
        return helpers;
    }

    /** Methods inlined so far. */
    int methods() {
        return methods;
    }

    /** Calls into the scope left out of line (recursion, or the budget spent). */
    int refused() {
        return refused;
    }

    /** Bytes of bytecode inlined. */
    int bytes() {
        return bytes;
    }
}
