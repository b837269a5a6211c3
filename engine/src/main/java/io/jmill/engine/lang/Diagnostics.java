package io.jmill.engine.lang;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects {@link ConfigError}s while lexing, parsing and flattening, so that one run reports all
 * of them. Identical errors are kept once: a compound body that is instantiated several times would
 * otherwise repeat the same message.
 */
final class Diagnostics {

    private final Set<ConfigError> errors = new LinkedHashSet<>();

    void error(Location location, String element, String message) {
        errors.add(new ConfigError(location, element, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigError> errors() {
        return List.copyOf(errors);
    }
}
