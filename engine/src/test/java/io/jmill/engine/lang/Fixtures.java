package io.jmill.engine.lang;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

/** Helpers that render parser results as short strings, so tests can compare them exactly. */
final class Fixtures {

    static final String FILE = "test.click";

    private Fixtures() {
    }

    static FlatConfig parse(String text) throws ConfigException {
        return ClickParser.parse(FILE, text, Map.of());
    }

    static FlatConfig parse(String text, Map<String, String> overrides) throws ConfigException {
        return ClickParser.parse(FILE, text, overrides);
    }

    /** Elements as {@code name :: Class(config)}. */
    static List<String> elements(FlatConfig config) {
        return config.elements().stream()
                .map(e -> e.name() + " :: " + e.className() + "(" + e.config() + ")")
                .toList();
    }

    /** Connections as {@code from [p] -> [q] to}. */
    static List<String> connections(FlatConfig config) {
        return config.connections().stream()
                .map(c -> c.from() + " [" + c.fromPort() + "] -> [" + c.toPort() + "] " + c.to())
                .toList();
    }

    static FlatElement element(FlatConfig config, String name) {
        return config.elements().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no element " + name + " in " + elements(config)));
    }

    /** The errors of a configuration that must fail, as {@code file:line:col: [element: ]message}. */
    static List<String> errors(String text) {
        return errors(text, Map.of());
    }

    static List<String> errors(String text, Map<String, String> overrides) {
        ConfigException e = assertThrows(ConfigException.class, () -> ClickParser.parse(FILE, text, overrides));
        return e.errors().stream().map(ConfigError::toString).toList();
    }
}
