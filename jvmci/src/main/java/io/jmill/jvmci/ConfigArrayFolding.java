package io.jmill.jvmci;

import jdk.graal.compiler.core.common.spi.ConstantFieldProvider;
import jdk.graal.compiler.nodes.spi.CanonicalizerTool;
import jdk.vm.ci.meta.JavaConstant;
import jdk.vm.ci.meta.ResolvedJavaField;
import jdk.vm.ci.meta.ResolvedJavaType;

import java.util.Set;

/**
 * HotSpot's constant-field rules, plus, on a constant receiver (a copy, or an object reached from
 * one through fields folded before):
 * <ul>
 * <li>the arrays held by the fields of {@link CompileScope#constantArrays()} are stable in every
 *     dimension, zeros and nulls included — a load at a constant index folds to the element (a
 *     route, an output port, a rewrite pattern, whose own fields fold in turn);</li>
 * <li>the final fields of {@link CompileScope#trustedFinals()} classes fold, as HotSpot folds a
 *     record's (a rewrite pattern's addresses and ports, a route's prefix and output);</li>
 * <li>the fields of {@link CompileScope#snapshotFields()} fold to their current value (a route
 *     table that write handlers replace whole).</li>
 * </ul>
 * C2 folds a copy's own fields but never the array's contents nor other objects' fields: they
 * could change.
 */
final class ConfigArrayFolding implements ConstantFieldProvider {
    private final ConstantFieldProvider host;
    private final Set<ResolvedJavaField> constantArrays;
    private final Set<ResolvedJavaType> trustedFinals;
    private final Set<ResolvedJavaField> snapshotFields;
    private int folded;
    private int foldedFields;

    ConfigArrayFolding(ConstantFieldProvider host, Set<ResolvedJavaField> constantArrays,
                       Set<ResolvedJavaType> trustedFinals, Set<ResolvedJavaField> snapshotFields) {
        this.host = host;
        this.constantArrays = constantArrays;
        this.trustedFinals = trustedFinals;
        this.snapshotFields = snapshotFields;
    }

    @Override
    public <T> T readConstantField(ResolvedJavaField field, ConstantFieldTool<T> tool) {
        if (field.isStatic()) {
            return host.readConstantField(field, tool);
        }
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
        if (snapshotFields.contains(field) || field.isFinal() && trustedFinals.contains(field.getDeclaringClass())) {
            JavaConstant value = tool.readValue();
            if (value != null) {
                T constant = tool.foldConstant(value);
                if (constant != null) {
                    foldedFields++;
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

    /** Reads of trusted final or snapshot fields that Graal turned into constants. */
    int foldedFields() {
        return foldedFields;
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
