package io.jmill.cli;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.lang.FlatConfig;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Where a command's configuration comes from: a file, or text given with {@code -e}. */
record ConfigSource(Path file, String expression, Map<String, String> variables) {

    static ConfigSource from(CommandLine cl) throws UsageException {
        String expr = cl.value("-e", null);
        if (expr != null) {
            if (!cl.positional().isEmpty()) {
                throw new UsageException("give a configuration file or -e CONFIG, not both");
            }
            return new ConfigSource(null, expr, cl.variables());
        }
        if (cl.positional().isEmpty()) {
            throw new UsageException("no configuration: give a FILE or -e CONFIG");
        }
        if (cl.positional().size() > 1) {
            throw new UsageException("unexpected argument '" + cl.positional().get(1) + "'");
        }
        return new ConfigSource(Path.of(cl.positional().getFirst()), null, cl.variables());
    }

    /** Name used in messages: the file name as given, or {@code <expr>}. */
    String name() {
        return file != null ? file.toString() : "<expr>";
    }

    FlatConfig parse() throws ConfigException, UsageException {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("cannot read " + file + ": no such file");
            }
            try {
                return ClickParser.parseFile(file, variables);
            } catch (NoSuchFileException e) {
                throw new UsageException("cannot read " + file + ": no such file");
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return ClickParser.parse("<expr>", expression, variables);
    }

    Router build(int batch) throws ConfigException, UsageException {
        return build(parse(), batch);
    }

    Router build(FlatConfig config, int batch) throws ConfigException {
        return new RouterBuilder(ElementRegistry.load()).batch(batch).build(config);
    }

    /** Builds while reporting parse errors and router errors together (for {@code jmill check}). */
    Router buildReportingEverything(int batch) throws ConfigException, UsageException {
        return buildReportingEverything(batch, null);
    }

    /** As {@link #buildReportingEverything(int)}, printing the parser's warnings to {@code warnings} (if not null). */
    Router buildReportingEverything(int batch, java.io.PrintStream warnings) throws ConfigException, UsageException {
        ClickParser.Result result;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("cannot read " + file + ": no such file");
            }
            try {
                result = ClickParser.parseAllFile(file, variables);
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
        } else {
            result = ClickParser.parseAll("<expr>", expression, variables);
        }
        if (warnings != null) {
            result.warnings().forEach(warnings::println);
        }
        return new RouterBuilder(ElementRegistry.load()).batch(batch).build(result.config(), result.errors());
    }
}
