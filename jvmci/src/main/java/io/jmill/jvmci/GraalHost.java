package io.jmill.jvmci;

import jdk.graal.compiler.code.CompilationResult;
import jdk.graal.compiler.core.common.CompilationIdentifier;
import jdk.graal.compiler.debug.DebugContext;
import jdk.graal.compiler.hotspot.HotSpotBackend;
import jdk.graal.compiler.hotspot.HotSpotGraalCompiler;
import jdk.graal.compiler.nodes.StructuredGraph;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.tiers.Suites;
import jdk.vm.ci.code.InstalledCode;
import jdk.vm.ci.hotspot.HotSpotJVMCIRuntime;
import jdk.vm.ci.meta.ResolvedJavaMethod;
import jdk.vm.ci.runtime.JVMCICompiler;

import java.lang.reflect.Executable;

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

    static InstalledMethod compileAndInstall(Executable m) {
        long t0 = System.nanoTime();
        HotSpotGraalCompiler compiler = (HotSpotGraalCompiler) HotSpotJVMCIRuntime.runtime().getCompiler();
        OptionValues options = compiler.getGraalRuntime().getOptions();
        HotSpotBackend backend = compiler.getGraalRuntime().getHostBackend();
        ResolvedJavaMethod method = backend.getMetaAccess().lookupJavaMethod(m);
        CompilationIdentifier id = backend.getCompilationIdentifier(method);
        DebugContext debug = DebugContext.disabled(options);
        StructuredGraph graph = compiler.createGraph(method, jdk.vm.ci.runtime.JVMCICompiler.INVOCATION_ENTRY_BCI,
                null, id, options, debug);
        Suites suites = backend.getSuites().getDefaultSuites(options, backend.getTarget().arch);
        CompilationResult result = compiler.compile(graph, false, false, true, id, debug, suites);
        InstalledCode code = backend.createDefaultInstalledCode(debug, method, result);
        long nanos = System.nanoTime() - t0;
        String name = method.format("%H.%n(%p)");
        int size = result.getTargetCodeSize();
        return new InstalledMethod() {
            @Override
            public String method() {
                return name;
            }

            @Override
            public long compileNanos() {
                return nanos;
            }

            @Override
            public int codeSize() {
                return size;
            }

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
                return name + " (" + size + " bytes, Graal " + nanos / 1_000_000 + " ms)";
            }
        };
    }
}
