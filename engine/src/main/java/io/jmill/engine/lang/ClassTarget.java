package io.jmill.engine.lang;

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

    /** Resolution failed (an error was reported); elements of this class are dropped. */
    record Unresolvable() implements ClassTarget {
    }
}
