package io.jmill.jvmci;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;

/**
 * What one Graal compilation may assume beyond plain Java: which classes' methods it inlines
 * wherever they are called, which of their methods run like another method (and so may use that
 * method's HotSpot profile), and which array fields hold contents that never change.
 *
 * <pre>{@code
 * var scope = new CompileScope(Set.of(copy.getClass()), Map.of(copy.getClass(), original.getClass()),
 *         Set.of(copyField), 16_000);
 * GraalCompiler.compileAndInstall(copy.getClass().getMethod("runTask"), scope);
 * }</pre>
 *
 * @param inlined        classes whose methods are inlined at every call Graal can resolve
 *                       (depth-first, up to {@code inliningBudget} bytes of bytecode per compilation;
 *                       a method is not inlined into itself)
 * @param profiledLike   for a class of {@code inlined}, the class whose same-named method (same
 *                       descriptor) has the same bytecode shape and may lend its HotSpot profile;
 *                       a method whose shape differs compiles without a profile
 * @param constantArrays final array fields whose elements (all dimensions) never change once the
 *                       compilation starts: Graal folds their loads at constant indexes
 * @param inliningBudget bytes of bytecode that forced inlining may add to one compilation
 */
public record CompileScope(Set<Class<?>> inlined, Map<Class<?>, Class<?>> profiledLike, Set<Field> constantArrays,
                           int inliningBudget) {
    /** Nothing forced: Graal's own inlining policy, no profile borrowed, no array folded. */
    public static final CompileScope NONE = new CompileScope(Set.of(), Map.of(), Set.of(), 0);

    public CompileScope {
        inlined = Set.copyOf(inlined);
        profiledLike = Map.copyOf(profiledLike);
        constantArrays = Set.copyOf(constantArrays);
        if (inliningBudget < 0) {
            throw new IllegalArgumentException("inliningBudget < 0");
        }
    }
}
