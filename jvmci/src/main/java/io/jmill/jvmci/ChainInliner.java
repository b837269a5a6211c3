package io.jmill.jvmci;

import jdk.graal.compiler.nodes.ValueNode;
import jdk.graal.compiler.nodes.graphbuilderconf.GraphBuilderContext;
import jdk.graal.compiler.nodes.graphbuilderconf.InlineInvokePlugin;
import jdk.vm.ci.meta.ResolvedJavaMethod;
import jdk.vm.ci.meta.ResolvedJavaType;

import java.util.Set;

/**
 * Inlines, while Graal parses the bytecode, every resolved call into the classes of a
 * {@link CompileScope}: the specialized copies call each other on constant receivers, so the
 * whole chain becomes one graph, as C2 would build it once the copies are hot — but without
 * waiting for their profiles, which Graal's own inliner needs before it inlines a fresh method.
 */
final class ChainInliner implements InlineInvokePlugin {
    private final Set<ResolvedJavaType> inlined;
    private final int budget;
    private int bytes;
    private int methods;
    private int refused;

    ChainInliner(Set<ResolvedJavaType> inlined, int budget) {
        this.inlined = inlined;
        this.budget = budget;
    }

    @Override
    public InlineInfo shouldInlineInvoke(GraphBuilderContext b, ResolvedJavaMethod method, ValueNode[] args) {
        if (!inlined.contains(method.getDeclaringClass()) || !method.hasBytecodes() || b.parsingIntrinsic()) {
            return null;
        }
        int size = method.getCodeSize();
        if (b.recursiveInliningDepth(method) > 0 || !method.canBeInlined() || bytes + size > budget) {
            refused++;
            return InlineInfo.DO_NOT_INLINE_WITH_EXCEPTION;
        }
        bytes += size;
        methods++;
        return InlineInfo.createStandardInlineInfo(method);
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
