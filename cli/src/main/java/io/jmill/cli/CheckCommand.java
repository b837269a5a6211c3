package io.jmill.cli;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code jmill check}: build the router (configure, check, initialize) without running it. */
final class CheckCommand {
    static final String USAGE = """
            usage: jmill check FILE|-e CONFIG [VAR=value ...]

            Parses, configures, checks and initializes the router without running it, and
            prints every error as file:line:col: element: message.
            exit status: 0 no errors, 1 errors, 2 usage error
            """;

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        CommandLine cl = CommandLine.parse(args, Set.of("-e", "--memory"), Set.of("--help"));
        if (cl.has("--help")) {
            out.print(USAGE);
            return Main.OK;
        }
        Main.applyMemoryOption(cl);
        ConfigSource source = ConfigSource.from(cl);
        try {
            Router router = source.buildReportingEverything(32, err);
            router.configurationNotes().forEach(err::println);
            router.close();
            out.println(source.name() + ": OK (" + router.elements().size() + " elements, "
                    + router.connections().size() + " connections)");
            return Main.OK;
        } catch (ConfigException e) {
            e.errors().forEach(x -> err.println(x));
            err.println(source.name() + ": " + e.errors().size() + " error" + (e.errors().size() == 1 ? "" : "s"));
            return Main.CONFIG_ERROR;
        }
    }
}
