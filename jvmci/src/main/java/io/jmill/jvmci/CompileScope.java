package io.jmill.jvmci;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;

/**
 * What one Graal compilation may assume beyond plain Java: which classes' methods it inlines
 * wherever they are called, which of their methods run like another method (and so may use that
 * method's HotSpot profile), which array fields hold contents that do not change while the code
 * is installed, which classes' final fields are as trustworthy as a record's, and which
 * non-final fields keep their current value while the code is installed.
 *
 * <pre>{@code
 * var scope = new CompileScope(Set.of(copy.getClass()), Map.of(copy.getClass(), original.getClass()),
 *         Set.of(copyField), Set.of(RouteTable.class), Set.of(), 16_000, 12_000);
 * GraalCompiler.compileAndInstall(copy.getClass().getMethod("runTask"), scope);
 * }</pre>
 *
 * @param inlined        classes whose methods are inlined at every call Graal can resolve
 *                       (depth-first, up to {@code inliningBudget} bytes of bytecode per compilation;
 *                       a method is not inlined into itself)
 * @param profiledLike   for a class of {@code inlined}, the class whose same-named method (same
 *                       descriptor) has the same bytecode shape and may lend its HotSpot profile;
 *                       a method whose shape differs compiles without a profile
 * @param constantArrays array fields whose elements (all dimensions) do not change while the code
 *                       is installed: Graal folds their loads at constant indexes
 * @param trustedFinals  classes whose final instance fields Graal folds on a constant receiver
 *                       (HotSpot trusts only those of records, hidden classes and a few JDK ones)
 * @param snapshotFields non-final fields whose value, read on a constant receiver, Graal folds:
 *                       whoever changes them must invalidate the code first
 * @param inliningBudget bytes of bytecode that forced inlining may add to one compilation
 * @param helperBudget   bytes of bytecode of hot helpers (methods outside {@code inlined} that
 *                       HotSpot compiled) forced inline besides; 0: none, Graal's policy decides
 */
public record CompileScope(Set<Class<?>> inlined, Map<Class<?>, Class<?>> profiledLike, Set<Field> constantArrays,
                           Set<Class<?>> trustedFinals, Set<Field> snapshotFields, int inliningBudget,
                           int helperBudget) {
    /** Nothing forced: Graal's own inlining policy, no profile borrowed, nothing folded. */
    public static final CompileScope NONE = new CompileScope(Set.of(), Map.of(), Set.of(), Set.of(), Set.of(), 0, 0);

    public CompileScope {
        inlined = Set.copyOf(inlined);
        profiledLike = Map.copyOf(profiledLike);
        constantArrays = Set.copyOf(constantArrays);
        trustedFinals = Set.copyOf(trustedFinals);
        snapshotFields = Set.copyOf(snapshotFields);
        if (inliningBudget < 0 || helperBudget < 0) {
            throw new IllegalArgumentException("inliningBudget or helperBudget < 0");
        }
    }
}
