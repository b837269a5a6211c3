package io.jmill.engine.lang;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.jmill.engine.lang.Ast.ClassDefinition;
import io.jmill.engine.lang.Ast.InlineCompound;
import io.jmill.engine.lang.Ast.NamedClass;

/**
 * The {@code elementclass} definitions of one body instance, linked to the enclosing scope.
 *
 * <p>Lookup follows Click: a class name refers to the latest definition <em>before</em> the use,
 * searching the body and then the enclosing bodies outwards; so inside
 * {@code elementclass Queue { input -> Queue -> output }} the inner {@code Queue} is the previous
 * (primitive) Queue. JMill adds one extension: a name with no earlier definition may refer to a
 * definition later in the file (forward reference). That is the only way a class can end up
 * instantiating itself, which the flattener reports as a recursive element class.
 */
final class ClassScope {

    private record Entry(ClassDefinition definition, int index) {
    }

    private final ClassScope parent;
    /** Statement index in the parent body where this body appears. */
    private final int positionInParent;
    private final VarEnv env;
    private final List<Entry> entries = new ArrayList<>();

    ClassScope(ClassScope parent, int positionInParent, Ast.Body body, VarEnv env) {
        this.parent = parent;
        this.positionInParent = positionInParent;
        this.env = env;
        List<Ast.Statement> statements = body.statements();
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i) instanceof ClassDefinition definition) {
                entries.add(new Entry(definition, i));
            }
        }
    }

    /** Resolves {@code name} used at statement {@code index} of this body. */
    ClassTarget resolve(String name, int index, Diagnostics diagnostics) {
        return resolve(name, index, diagnostics, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private ClassTarget resolve(String name, int index, Diagnostics diagnostics, Set<ClassDefinition> resolving) {
        ClassTarget t = outward(name, index, false, diagnostics, resolving);
        if (t == null) {
            t = outward(name, index, true, diagnostics, resolving);
        }
        return t != null ? t : new ClassTarget.Primitive(name);
    }

    /** The definition of {@code name} in force before statement {@code index} (no forward references). */
    private ClassTarget previous(String name, int index, Diagnostics diagnostics, Set<ClassDefinition> resolving) {
        ClassTarget t = outward(name, index, false, diagnostics, resolving);
        return t != null ? t : new ClassTarget.Primitive(name);
    }

    /**
     * The definition of {@code name} found from this body outwards: in each enclosing body, the
     * latest one before the position (or, with {@code after}, the first one after it); null if none.
     */
    private ClassTarget outward(String name, int index, boolean after, Diagnostics diagnostics,
                                Set<ClassDefinition> resolving) {
        ClassScope scope = this;
        int at = index;
        while (scope != null) {
            Entry entry = after ? scope.firstAfter(name, at) : scope.latestBefore(name, at);
            if (entry != null) {
                return scope.target(entry, diagnostics, resolving);
            }
            at = scope.positionInParent;
            scope = scope.parent;
        }
        return null;
    }

    private Entry latestBefore(String name, int index) {
        Entry found = null;
        for (Entry entry : entries) {
            if (entry.index() < index && entry.definition().name().text().equals(name)) {
                found = entry;
            }
        }
        return found;
    }

    private Entry firstAfter(String name, int index) {
        for (Entry entry : entries) {
            if (entry.index() > index && entry.definition().name().text().equals(name)) {
                return entry;
            }
        }
        return null;
    }

    private ClassTarget target(Entry entry, Diagnostics diagnostics, Set<ClassDefinition> resolving) {
        ClassDefinition definition = entry.definition();
        String name = definition.name().text();
        return switch (definition.target()) {
            case InlineCompound compound -> ClassTarget.of(compound, env, this, entry.index(), name,
                    () -> previous(name, entry.index(), diagnostics, resolving));
            case NamedClass synonym -> {
                if (!resolving.add(definition)) {
                    diagnostics.error(definition.name().location(), null, "recursive element class '" + name + "'");
                    yield new ClassTarget.Unresolvable();
                }
                try {
                    yield resolve(synonym.name(), entry.index(), diagnostics, resolving);
                } finally {
                    resolving.remove(definition);
                }
            }
        };
    }
}
