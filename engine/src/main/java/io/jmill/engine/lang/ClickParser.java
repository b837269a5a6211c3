package io.jmill.engine.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the Click configuration language: parses configuration text and flattens it into
 * a {@link FlatConfig} of primitive elements and connections.
 *
 * <pre>{@code
 * FlatConfig config = ClickParser.parseFile(Path.of("router.click"), Map.of("DEV", "eth1"));
 * for (FlatElement e : config.elements()) { ... e.className(), e.config() ... }
 * }</pre>
 *
 * <p>Supported: declarations ({@code a, b :: Class(args)}), connection chains with ports and inline
 * or anonymous elements, {@code elementclass} (compound bodies with parameters, synonyms, nesting),
 * inline compounds {@code { ... }}, {@code define}, {@code $VAR}/{@code ${VAR}}/{@code ${VAR-default}}
 * in argument text, {@code require(...)} including {@code require(library FILE)}, and {@code //},
 * slash-star block and line-start {@code #} comments. Whether primitive classes exist and what the
 * arguments mean is for the router and the elements to decide.
 *
 * <p>All errors (syntax, undefined variables, compound misuse, ...) are collected and thrown together
 * in one {@link ConfigException}.
 */
public final class ClickParser {

    private ClickParser() {
    }

    /**
     * Parses and flattens a configuration.
     *
     * @param fileName  name used in locations; libraries are looked up relative to its directory
     * @param text      the configuration text
     * @param overrides command-line {@code VAR=value} definitions (keys with or without {@code $});
     *                  they win over {@code define(...)}
     * @throws ConfigException with every error found
     */
    public static FlatConfig parse(String fileName, String text, Map<String, String> overrides) throws ConfigException {
        Diagnostics diagnostics = new Diagnostics();
        Parser.Program program = Parser.parse(SourceText.of(fileName, text), diagnostics);
        // after syntax errors, unconnected compound ports mostly echo dropped statements: don't report them
        boolean checkPorts = !diagnostics.hasErrors();
        FlatConfig config = Flattener.flatten(program, overrides, diagnostics, checkPorts);
        if (diagnostics.hasErrors()) {
            throw new ConfigException(inSourceOrder(diagnostics.errors()));
        }
        return config;
    }

    /**
     * Parses like {@link #parse} but never throws for configuration errors: returns what could be
     * flattened together with every error, so that a checker can go on and report the router's
     * errors too ({@code jmill check}).
     */
    public static Result parseAll(String fileName, String text, Map<String, String> overrides) {
        Diagnostics diagnostics = new Diagnostics();
        Parser.Program program = Parser.parse(SourceText.of(fileName, text), diagnostics);
        boolean checkPorts = !diagnostics.hasErrors();
        FlatConfig config = Flattener.flatten(program, overrides, diagnostics, checkPorts);
        return new Result(config, inSourceOrder(diagnostics.errors()), inSourceOrder(diagnostics.warnings()));
    }

    /** {@link #parseAll} of a file. */
    public static Result parseAllFile(Path file, Map<String, String> overrides) throws IOException {
        return parseAll(file.toString(), Files.readString(file), overrides);
    }

    /**
     * A flattened configuration with the errors found while parsing it (empty if none) and the
     * warnings (undefined variables left in argument text, for instance).
     */
    public record Result(FlatConfig config, List<ConfigError> errors, List<ConfigError> warnings) {
    }

    /**
     * Orders errors by position (files in order of first appearance), as a user reads them; the
     * lexer, parser and flattener find them in different passes.
     */
    private static List<ConfigError> inSourceOrder(List<ConfigError> errors) {
        Map<String, Integer> fileOrder = new HashMap<>();
        for (ConfigError error : errors) {
            fileOrder.putIfAbsent(error.location().file(), fileOrder.size());
        }
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt((ConfigError e) -> fileOrder.get(e.location().file()))
                .thenComparingInt(e -> e.location().line())
                .thenComparingInt(e -> e.location().column()));
        return sorted;
    }

    /**
     * Reads {@code file} (UTF-8) and {@linkplain #parse parses} it; locations use the path as given.
     *
     * @throws IOException when the file itself cannot be read (a missing library is a ConfigException)
     */
    public static FlatConfig parseFile(Path file, Map<String, String> overrides) throws ConfigException, IOException {
        return parse(file.toString(), Files.readString(file), overrides);
    }
}
