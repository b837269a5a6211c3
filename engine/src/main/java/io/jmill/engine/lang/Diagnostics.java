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
    private final Set<ConfigError> warnings = new LinkedHashSet<>();

    void error(Location location, String element, String message) {
        errors.add(new ConfigError(location, element, message));
    }

    /** An error that Click words or places differently: {@code clickText} is Click's (see {@link ConfigError#clickText()}). */
    void error(Location location, String element, String message, String clickText) {
        errors.add(new ConfigError(location, element, message).withClickText(clickText));
    }

    /** Something a user may want to know that does not stop the configuration (a {@code jmill check} line). */
    void warning(Location location, String element, String message) {
        warnings.add(new ConfigError(location, element, "warning: " + message));
    }

    List<ConfigError> warnings() {
        return List.copyOf(warnings);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigError> errors() {
        return List.copyOf(errors);
    }
}
