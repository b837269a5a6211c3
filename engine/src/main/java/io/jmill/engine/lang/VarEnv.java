package io.jmill.engine.lang;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Variables visible to argument text: a chain of scopes from a compound instance (its parameters and
 * its own {@code define}s) out to the file's top level (command-line overrides and top-level
 * {@code define}s). Inner scopes shadow outer ones, as compound parameters do in Click.
 */
final class VarEnv {

    private final VarEnv parent;
    private final Map<String, String> values = new HashMap<>();
    /** Names fixed from the command line: a {@code define} of them is ignored. */
    private final Set<String> fixed;

    private VarEnv(VarEnv parent, Map<String, String> values, Set<String> fixed) {
        this.parent = parent;
        this.values.putAll(values);
        this.fixed = fixed;
    }

    /** The top-level scope, holding the command-line overrides (keys with or without a leading '$'). */
    static VarEnv global(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        overrides.forEach((name, value) -> values.put(name.startsWith("$") ? name.substring(1) : name, value));
        return new VarEnv(null, values, Set.copyOf(values.keySet()));
    }

    /** A compound instance's scope, holding its bound parameters; {@code parent} is where the class was defined. */
    static VarEnv child(VarEnv parent, Map<String, String> parameters) {
        return new VarEnv(parent, parameters, Set.of());
    }

    String lookup(String name) {
        for (VarEnv env = this; env != null; env = env.parent) {
            String value = env.values.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    boolean isFixed(String name) {
        return fixed.contains(name);
    }

    boolean definesLocally(String name) {
        return values.containsKey(name);
    }

    void define(String name, String value) {
        values.put(name, value);
    }
}
