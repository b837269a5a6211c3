package io.jmill.jvmci;

import jdk.graal.compiler.code.CompilationResult;
import jdk.graal.compiler.core.common.CompilationIdentifier;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.hotspot.HotSpotBackend;
import jdk.graal.compiler.hotspot.HotSpotGraalCompiler;
import jdk.graal.compiler.hotspot.meta.HotSpotProviders;
import jdk.graal.compiler.java.GraphBuilderPhase;
import jdk.graal.compiler.lir.asm.CompilationResultBuilderFactory;
import jdk.graal.compiler.nodes.Invoke;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.nodes.graphbuilderconf.GraphBuilderConfiguration;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.BasePhase;
import jdk.graal.compiler.phases.OptimisticOptimizations;
import jdk.graal.compiler.phases.PhaseSuite;
import jdk.graal.compiler.phases.tiers.HighTierContext;
import jdk.graal.compiler.phases.tiers.Suites;
import jdk.vm.ci.code.InstalledCode;
import jdk.vm.ci.hotspot.HotSpotJVMCIRuntime;
import jdk.vm.ci.meta.DefaultProfilingInfo;
import jdk.vm.ci.meta.MetaAccessProvider;
import jdk.vm.ci.meta.ProfilingInfo;
import jdk.vm.ci.meta.ResolvedJavaField;
import jdk.vm.ci.meta.ResolvedJavaMethod;
import jdk.vm.ci.meta.ResolvedJavaType;
import jdk.vm.ci.meta.TriState;
import jdk.vm.ci.runtime.JVMCICompiler;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.HashSet;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;

/** Graal's API; loaded only once {@link GraalCompiler} found the module readable. */
final class GraalHost {
    private GraalHost() {
    }

    static String check() {
        JVMCICompiler c = HotSpotJVMCIRuntime.runtime().getCompiler();
        if (!(c instanceof HotSpotGraalCompiler)) {
            return "JVMCI's compiler is " + c.getClass().getName() + ", not Graal (is -Djvmci.Compiler set?)";
        }
        return null;
    }

    /**
     * What {@code HotSpotGraalCompiler.compile} does, with three changes from {@code scope}: the
     * graph builder inlines the scope's classes ({@link ChainInliner}), the constant-field rules
     * fold the scope's arrays ({@link ConfigArrayFolding}), and profiles come from
     * {@link BorrowedProfiles}.
     */
    static InstalledMethod compileAndInstall(Executable m, CompileScope scope) {
        long t0 = System.nanoTime();
        HotSpotGraalCompiler compiler = (HotSpotGraalCompiler) HotSpotJVMCIRuntime.runtime().getCompiler();
        OptionValues options = compiler.getGraalRuntime().getOptions();
        HotSpotBackend backend = compiler.getGraalRuntime().getHostBackend();
        HotSpotProviders host = backend.getProviders();
        MetaAccessProvider meta = backend.getMetaAccess();
        ResolvedJavaMethod method = meta.lookupJavaMethod(m);
        CompilationIdentifier id = backend.getCompilationIdentifier(method);
        DebugContext debug = DebugContext.disabled(options);

        Set<ResolvedJavaType> inlinedTypes = new HashSet<>();
        scope.inlined().forEach(c -> inlinedTypes.add(meta.lookupJavaType(c)));
        Map<ResolvedJavaType, ResolvedJavaType> lenders = new HashMap<>();
        scope.profiledLike().forEach((copy, original) -> lenders.put(meta.lookupJavaType(copy), meta.lookupJavaType(original)));
        Set<ResolvedJavaField> arrays = new HashSet<>();
        for (Field f : scope.constantArrays()) {
            arrays.add(meta.lookupJavaField(f));
        }
        Set<ResolvedJavaType> trusted = new HashSet<>();
        scope.trustedFinals().forEach(c -> trusted.add(meta.lookupJavaType(c)));
        Set<ResolvedJavaField> snapshots = new HashSet<>();
        for (Field f : scope.snapshotFields()) {
            snapshots.add(meta.lookupJavaField(f));
        }
        BorrowedProfiles profiles = new BorrowedProfiles(lenders);
        ChainInliner inliner = new ChainInliner(inlinedTypes, profiles, scope.inliningBudget(), scope.helperBudget());
        ConfigArrayFolding folding = new ConfigArrayFolding(host.getConstantFieldProvider(), arrays, trusted, snapshots);
        HotSpotProviders providers = host.copyWith(folding);

        StructuredGraph graph = compiler.createGraph(method, JVMCICompiler.INVOCATION_ENTRY_BCI, profiles, id, options, debug);
        ProfilingInfo rootProfile = profiles.getProfilingInfo(method, true, false);
        if (rootProfile == null) {
            rootProfile = DefaultProfilingInfo.get(TriState.FALSE);
        }
        Suites suites = host.getSuites().getDefaultSuites(options, backend.getTarget().arch);
        CompilationResult result = new CompilationResult(id);
        jdk.graal.compiler.core.GraalCompiler.compile(new jdk.graal.compiler.core.GraalCompiler.Request<>(graph, method,
                providers, backend, graphBuilderSuite(host, inliner), optimisticOptimizations(rootProfile, options),
                rootProfile, suites, host.getSuites().getDefaultLIRSuites(options), result,
                CompilationResultBuilderFactory.Default, true));
        int callsLeft = 0;
        for (Invoke invoke : graph.getInvokes()) {
            ResolvedJavaMethod target = invoke.callTarget().targetMethod();
            if (target != null && inlinedTypes.contains(target.getDeclaringClass())) {
                callsLeft++;
            }
        }
        InstalledCode code = backend.createDefaultInstalledCode(debug, method, result);
        return new GraalInstalledMethod(method.format("%H.%n(%p)"), System.nanoTime() - t0, result.getTargetCodeSize(),
                inliner.methods(), inliner.bytes(), inliner.helpers(), callsLeft, inliner.coldLeft(), folding.folded(), folding.foldedFields(), profiles.borrowed(),
                profiles.refused(), code);
    }

    /**
     * Graal's speculations, less the pruning of code the profile says never ran: a branch the
     * generic run did not take (or a fresh copy's unprofiled branch) would otherwise become a
     * deoptimization, and a deoptimization invalidates code that nothing compiles again with Graal
     * (HotSpot's tiers take the method over).
     */
    private static OptimisticOptimizations optimisticOptimizations(ProfilingInfo profile, OptionValues options) {
        return new OptimisticOptimizations(profile, options).remove(OptimisticOptimizations.Optimization.RemoveNeverExecutedCode);
    }

    /** The host's graph builder suite, resolving eagerly and asking {@code inliner} first. */
    private static PhaseSuite<HighTierContext> graphBuilderSuite(HotSpotProviders host, ChainInliner inliner) {
        PhaseSuite<HighTierContext> suite = host.getSuites().getDefaultGraphBuilderSuite().copy();
        ListIterator<BasePhase<? super HighTierContext>> it = suite.findPhase(GraphBuilderPhase.class);
        GraphBuilderPhase phase = (GraphBuilderPhase) it.previous();
        // The copies never ran, so their constant pools are unresolved: resolve while parsing
        // (as HotSpotGraalCompiler does when asked to resolve eagerly) instead of deoptimizing.
        GraphBuilderConfiguration config = phase.getGraphBuilderConfig().copy().withEagerResolving(true)
                .withUnresolvedIsError(true);
        config.getPlugins().prependInlineInvokePlugin(inliner);
        it.set(phase.copyWithConfig(config));
        return suite;
    }

    /** The installed code of one method, with what went into it. */
    private record GraalInstalledMethod(String method, long compileNanos, int codeSize, int inlinedMethods,
                                        int inlinedBytecodeBytes, int inlinedHelpers, int callsLeft, int coldCallsLeft, int constantArrayReads,
                                        int constantFieldReads, int borrowedProfiles, int unprofiledCopies, InstalledCode code)
            implements InstalledMethod {
        @Override
        public boolean alive() {
            return code.isAlive();
        }

        @Override
        public void invalidate() {
            code.invalidate();
        }

        @Override
        public String toString() {
            return method + " (" + codeSize + " bytes, " + inlinedMethods + " methods inlined, " + callsLeft
                    + " calls into the chain left, Graal " + compileNanos / 1_000_000 + " ms)";
        }
    }
}
