package io.jmill.cli;

import io.jmill.engine.element.Element;
import io.jmill.engine.handler.Handler;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.lang.FlatConfig;
import io.jmill.engine.router.Router;
import io.jmill.engine.time.SimulatedTime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code jmill click}: Click's userlevel {@code click} command line, so that Click's scripts and
 * regression tests run unchanged. Short options bundle as in Click ({@code -qh c.count},
 * {@code -qo-}); the router runs quietly and generically until it stops, then the {@code -h}
 * handlers print in Click's format (a lone handler's bare value, otherwise {@code name:} headers).
 */
final class ClickCommand {
    static final String USAGE = """
            usage: jmill click [OPTIONS] [FILE] [VAR=value ...]

            Runs a Click configuration with Click's command-line conventions.

            options:
              -f, --file FILE           read the configuration from FILE (default: FILE or stdin)
              -e, --expression EXPR     use EXPR as the configuration
              -h, --handler ELEM.H      print the read handler's value after the run (repeatable;
                                        ELEM may be a glob pattern or an element class)
              -x, --exit-handler ELEM.H exit with the handler's value (an integer or boolean)
              -o, --output FILE         write the flattened configuration to FILE ('-' = stdout)
              -q, --quit                initialize, do not run (handlers are still printed)
              -j, --threads N           worker threads (default 1)
              -p, --port PORT           serve handlers over JMX on 127.0.0.1:PORT
              -t, --time                print the run's timing
              -w, --no-warnings         no warnings
                  --simtime[=T]         simulated time from T seconds (default 1000000000): the clock
                                        advances only as the router does, jumping to the next wake-up
                                        when no task has work
                  --simtick N           simulated nanoseconds per clock reading (default 1)
              VAR=value                 set a configuration variable
            """;

    private final PrintStream out;
    private final PrintStream err;

    ClickCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Options with a value, by short letter; long names map to these letters. */
    private static final String VALUED_SHORT = "fehxojpC";
    private static final Map<String, Character> LONG = Map.ofEntries(
            Map.entry("--file", 'f'), Map.entry("--expression", 'e'), Map.entry("--handler", 'h'),
            Map.entry("--exit-handler", 'x'), Map.entry("--output", 'o'), Map.entry("--threads", 'j'),
            Map.entry("--port", 'p'), Map.entry("--clickpath", 'C'), Map.entry("--quit", 'q'),
            Map.entry("--time", 't'), Map.entry("--no-warnings", 'w'), Map.entry("--allow-reconfigure", 'a'),
            Map.entry("--help", '?'));

    private String file;
    private String expression;
    private final List<String> handlers = new ArrayList<>();
    private String exitHandler;
    private String output;
    private boolean quit;
    private boolean time;
    private int threads = 1;
    private final Map<String, String> variables = new java.util.LinkedHashMap<>();
    /** {@code --simtime}: the simulated clock's start (ns since 1970), or -1 for real time. */
    private long simStartNanos = -1;
    private long simTickNanos = 1;

    int run(List<String> args) throws UsageException, InterruptedException {
        if (!parse(args)) {
            out.print(USAGE);
            return Main.OK;
        }
        if (simStartNanos >= 0) {
            SimulatedTime.start(simStartNanos, simTickNanos); // before the build: elements read the clock there
        }
        try {
            return runRouter();
        } finally {
            SimulatedTime.stop();
        }
    }

    private static long simStart(String v) throws UsageException {
        try {
            double seconds = Double.parseDouble(v.strip());
            if (seconds >= 0 && seconds < 9e9) {
                return Math.round(seconds * 1e9);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("'--simtime' expects a start time in seconds, not '" + v + "'");
    }

    private int runRouter() throws UsageException, InterruptedException {
        Router router;
        String name;
        ConfigSource source = source();
        name = source.name();
        FlatConfig config;
        try {
            config = source.parse();
        } catch (ConfigException e) {
            printErrors(e.errors()); // Click stops at a configuration it cannot read, before any router exists
            return Main.CONFIG_ERROR;
        }
        try {
            router = source.build(config, 32);
        } catch (ConfigException e) {
            printErrors(e.errors());
            err.println("Router could not be initialized!");
            return Main.CONFIG_ERROR;
        }
        printErrors(router.configurationNotes());
        router.errorLog(err);
        try {
            if (output != null) {
                writeOutput(router.flatConfig());
            }
            long start = System.nanoTime();
            if (!quit && !router.elements().isEmpty()) {
                router.start(threads);
                while (!router.awaitStop(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    // runs until a source, Script or stop handler ends it, as Click's driver does
                }
            } else if (!quit) {
                err.println("warning: " + name + ": configuration has no elements, exiting");
            }
            router.close();
            if (time) {
                out.printf("%.3fs%n", (System.nanoTime() - start) / 1e9);
            }
            int status = printHandlers(router) ? Main.OK : Main.CONFIG_ERROR;
            if (exitHandler != null) {
                status = exitStatus(router);
            }
            if (router.taskErrors() > 0) {
                err.println("jmill: " + router.taskErrors() + " batch(es) ended with an exception; first: "
                        + router.firstTaskError());
                return Main.TASK_ERRORS;
            }
            return status;
        } finally {
            router.close();
        }
    }

    /** Returns false when {@code --help} was asked. */
    private boolean parse(List<String> args) throws UsageException {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                int eq = a.indexOf('=');
                String opt = eq > 0 ? a.substring(0, eq) : a;
                if (opt.equals("--simtime")) { // its optional value only ever comes as --simtime=T
                    simStartNanos = eq > 0 ? simStart(a.substring(eq + 1)) : SimulatedTime.DEFAULT_START_NANOS;
                    continue;
                }
                if (opt.equals("--simtick")) {
                    String v = eq > 0 ? a.substring(eq + 1) : (i + 1 < args.size() ? args.get(++i) : null);
                    if (v == null || !v.strip().matches("[0-9]+") || Long.parseLong(v.strip()) < 1) {
                        throw new UsageException("'--simtick' expects a positive number of nanoseconds, not '" + v + "'");
                    }
                    simTickNanos = Long.parseLong(v.strip());
                    continue;
                }
                Character c = LONG.get(opt);
                if (c == null) {
                    throw new UsageException("unrecognized option '" + opt + "'");
                }
                if (VALUED_SHORT.indexOf(c) >= 0) {
                    String v = eq > 0 ? a.substring(eq + 1) : (i + 1 < args.size() ? args.get(++i) : null);
                    if (v == null) {
                        throw new UsageException("option '" + opt + "' requires an argument");
                    }
                    if (!apply(c, v)) {
                        return false;
                    }
                } else if (!apply(c, null)) {
                    return false;
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    if (VALUED_SHORT.indexOf(c) >= 0) {
                        String v = k + 1 < a.length() ? a.substring(k + 1) : (i + 1 < args.size() ? args.get(++i) : null);
                        if (v == null) {
                            throw new UsageException("option '-" + c + "' requires an argument");
                        }
                        apply(c, v);
                        break;
                    }
                    if (!apply(c, null)) {
                        return false;
                    }
                }
            } else if (a.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                int eq = a.indexOf('=');
                variables.put(a.substring(0, eq), a.substring(eq + 1));
            } else {
                positional.add(a);
            }
        }
        for (String p : positional) {
            if (file != null || expression != null) {
                throw new UsageException("router configuration specified twice");
            }
            file = p;
        }
        return true;
    }

    private boolean apply(char c, String v) throws UsageException {
        switch (c) {
            case 'f' -> setSource(v, null);
            case 'e' -> setSource(null, v);
            case 'h' -> handlers.add(v);
            case 'x' -> exitHandler = v;
            case 'o' -> output = v;
            case 'q' -> quit = true;
            case 't' -> time = true;
            case 'j' -> {
                try {
                    threads = Math.max(1, Integer.parseInt(v.strip()));
                } catch (NumberFormatException e) {
                    throw new UsageException("'--threads' expects a number, not '" + v + "'");
                }
            }
            case 'w', 'a', 'p', 'C' -> {
                // accepted: warnings, reconfiguration, control ports and CLICKPATH do not change a run here
            }
            case '?' -> {
                return false;
            }
            default -> throw new UsageException("unrecognized option '-" + c + "'");
        }
        return true;
    }

    private void setSource(String f, String e) throws UsageException {
        if (file != null || expression != null) {
            throw new UsageException("router configuration specified twice");
        }
        file = f;
        expression = e;
    }

    /**
     * Prints configuration errors (or an element's messages) in Click's layout: Click's landmarks
     * ({@code FILE:LINE}, no column) and wording; an element's argument errors go under one
     * {@code FILE:LINE: While configuring 'NAME :: CLASS':} line, indented; a configuration
     * given with {@code -e} is called {@code config}, as Click calls it.
     */
    private void printErrors(List<ConfigError> errors) {
        String group = null;
        for (ConfigError x : errors) {
            if (x.configuring() == null) {
                group = null;
                err.println(clickName(x.inClicksLayout()));
                continue;
            }
            String head = clickName(x.location().landmark() + ": While configuring '" + x.element() + " :: "
                    + x.configuring() + "':");
            if (!head.equals(group)) {
                err.println(head);
                group = head;
            }
            err.println("  " + x.message());
        }
    }

    private String clickName(String message) {
        return expression != null ? message.replace("<expr>:", "config:") : message;
    }

    private ConfigSource source() throws UsageException {
        if (expression != null) {
            return new ConfigSource(null, expression, variables);
        }
        if (file == null || file.equals("-")) {
            try {
                String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                return new ConfigSource(null, text, variables);
            } catch (IOException e) {
                throw new UsageException("cannot read standard input: " + e.getMessage());
            }
        }
        return new ConfigSource(Path.of(file), null, variables);
    }

    private void writeOutput(String config) throws UsageException {
        if (output.equals("-")) {
            out.print(config);
            out.flush();
            return;
        }
        try {
            Files.writeString(Path.of(output), config);
        } catch (IOException e) {
            throw new UsageException(output + ": " + e.getMessage());
        }
    }

    /** Prints the {@code -h} handlers as Click does; returns false if one could not be read. */
    private boolean printHandlers(Router router) {
        boolean ok = true;
        boolean names = handlers.size() > 1;
        for (String h : handlers) {
            int dot = h.indexOf('.');
            if (dot < 0) {
                ok &= printOne(router, h, h, names);
                continue;
            }
            String pattern = h.substring(0, dot);
            String handler = h.substring(dot + 1);
            if (router.element(pattern) != null) {
                ok &= printOne(router, h, h, names);
                continue;
            }
            boolean glob = pattern.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[');
            Pattern rx = glob ? Pattern.compile(globToRegex(pattern)) : null;
            boolean any = false;
            for (Element e : router.elements()) {
                boolean match = glob ? rx.matcher(e.name()).matches() : e.className().equals(pattern);
                if (match) {
                    any = true;
                    Handler x = router.handlers(e).get(handler);
                    if (x != null && x.readable()) {
                        ok &= printOne(router, e.name() + "." + handler, e.name() + "." + handler, true);
                    }
                }
            }
            if (!any) {
                err.println((glob ? "no element matching '" : "no element '") + pattern + "'");
                ok = false;
            }
        }
        out.flush();
        return ok;
    }

    private boolean printOne(Router router, String path, String label, boolean withName) {
        try {
            String value = router.read(path);
            if (withName) {
                out.println(label + ":");
            }
            out.print(value);
            if (!value.isEmpty() && !value.endsWith("\n")) {
                out.println();
            }
            if (withName) {
                out.println();
            }
            return true;
        } catch (HandlerException e) {
            err.println("no '" + path + "' handler (" + e.getMessage() + ")");
            return false;
        } catch (RuntimeException e) {
            err.println(path + ": handler failed: " + e);
            return false;
        }
    }

    private int exitStatus(Router router) {
        try {
            String v = router.read(exitHandler).strip();
            return switch (v) {
                case "true" -> 0;
                case "false" -> 1;
                default -> Integer.parseInt(v);
            };
        } catch (HandlerException | NumberFormatException e) {
            err.println("exit handler value should be integer");
            return 255;
        }
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                case '[', ']' -> sb.append(ch);
                default -> sb.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return sb.toString();
    }
}
