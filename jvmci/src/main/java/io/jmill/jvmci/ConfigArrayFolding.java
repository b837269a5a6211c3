package io.jmill.jvmci;

import jdk.graal.compiler.core.common.spi.ConstantFieldProvider;
import jdk.graal.compiler.nodes.spi.CanonicalizerTool;
import jdk.vm.ci.meta.JavaConstant;
import jdk.vm.ci.meta.ResolvedJavaField;

import java.util.Set;

/**
 * HotSpot's constant-field rules, plus: the arrays held by the fields of a
 * {@link CompileScope#constantArrays()} are stable in every dimension, zeros and nulls included —
 * a load at a constant index from such an array, read through a constant receiver, folds to the
 * element (a route, an output port, a rewrite pattern, whose own final fields fold in turn).
 * C2 folds the field but never the array's contents: they could change.
 */
final class ConfigArrayFolding implements ConstantFieldProvider {
    private final ConstantFieldProvider host;
    private final Set<ResolvedJavaField> constantArrays;
    private int folded;

    ConfigArrayFolding(ConstantFieldProvider host, Set<ResolvedJavaField> constantArrays) {
        this.host = host;
        this.constantArrays = constantArrays;
    }

    @Override
    public <T> T readConstantField(ResolvedJavaField field, ConstantFieldTool<T> tool) {
        if (constantArrays.contains(field)) {
            JavaConstant array = tool.readValue();
            if (array != null && array.isNonNull()) {
                T constant = tool.foldStableArray(array, dimensions(field), true);
                if (constant != null) {
                    folded++;
                    return constant;
                }
            }
        }
        return host.readConstantField(field, tool);
    }

    @Override
    public boolean maybeFinal(ResolvedJavaField field) {
        return host.maybeFinal(field);
    }

    @Override
    public boolean isTrustedFinal(CanonicalizerTool tool, ResolvedJavaField field) {
        return host.isTrustedFinal(tool, field);
    }

    /** Reads of these fields that Graal turned into stable array constants. */
    int folded() {
        return folded;
    }

    private static int dimensions(ResolvedJavaField field) {
        String name = field.getType().getName();
        int d = 0;
        while (d < name.length() && name.charAt(d) == '[') {
            d++;
        }
        return d;
    }
}
