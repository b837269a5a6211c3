package io.jmill.engine.lang;

import java.util.List;
import java.util.function.Supplier;

/** What an element class name resolves to in some scope. */
sealed interface ClassTarget {

    /** A primitive class, left for the router to find (or reject). */
    record Primitive(String className) implements ClassTarget {
    }

    /**
     * A compound class together with the context it was defined in (a closure): its body's free
     * variables and class names resolve in {@code env} / {@code scope} at position {@code index}.
     *
     * @param displayName the class name for messages; {@code null} for an inline {@code { ... }}
     */
    record Compound(Ast.Body body, VarEnv env, ClassScope scope, int index, String displayName)
            implements ClassTarget {

        String describe() {
            return displayName == null ? "anonymous compound element" : "compound element class '" + displayName + "'";
        }
    }

    /**
     * An overloaded compound class ({@code { ... || ... }}): an instance takes the first candidate
     * that fits its arguments and ports, else {@code fallback} (the class's previous definition,
     * for a class ending in {@code ...}; {@code null} otherwise).
     */
    record Overloaded(List<Compound> candidates, ClassTarget fallback, String displayName) implements ClassTarget {
    }

    /**
     * The target of an inline compound written in {@code scope} at statement {@code index}: one
     * {@link Compound}, or an {@link Overloaded} one whose fallback {@code previous} supplies.
     */
    static ClassTarget of(Ast.InlineCompound inline, VarEnv env, ClassScope scope, int index, String displayName,
                          Supplier<ClassTarget> previous) {
        List<Compound> candidates = inline.overloads().stream()
                .map(body -> new Compound(body, env, scope, index, displayName)).toList();
        if (candidates.size() == 1 && inline.extension() == null) {
            return candidates.getFirst();
        }
        return new Overloaded(candidates, inline.extension() == null ? null : previous.get(), displayName);
    }

    /** Resolution failed (an error was reported); elements of this class are dropped. */
    record Unresolvable() implements ClassTarget {
    }
}
