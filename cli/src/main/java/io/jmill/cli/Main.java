package io.jmill.cli;

import io.jmill.layout.PacketMemory;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of the {@code jmill} command. */
public final class Main {
    static final int OK = 0;
    static final int CONFIG_ERROR = 1;
    static final int USAGE_ERROR = 2;
    static final int TASK_ERRORS = 3;

    static final String USAGE = """
            usage: jmill COMMAND [ARGS]

            commands:
              run FILE|-e CONFIG [VAR=value ...]   run a configuration
              click [click options] [FILE]         run with Click's command line (-e, -f, -h, -q, -o, ...)
              check FILE|-e CONFIG                 check a configuration, list every error
              explain FILE|-e CONFIG [--dot]       print the flattened graph (or Graphviz DOT)
              elements [NAME] [--markdown]         list element classes, or show one's manual
              bench [--nf ...] [--modes ...]       the NF benchmark suite (tables, charts)
              test                                 run the test suite (launcher only)
              version                              print the version

            'jmill COMMAND --help' describes each command.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(Arrays.asList(args), System.out, System.err);
        } catch (InterruptedException e) {
            status = 130;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.isEmpty() || args.getFirst().equals("--help") || args.getFirst().equals("help")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? USAGE_ERROR : OK;
        }
        String command = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        String usage = switch (command) {
            case "run" -> RunCommand.USAGE;
            case "check" -> CheckCommand.USAGE;
            case "click" -> ClickCommand.USAGE;
            case "explain" -> ExplainCommand.USAGE;
            case "elements" -> ElementsCommand.USAGE;
            default -> USAGE;
        };
        try {
            return switch (command) {
                case "run" -> new RunCommand(out, err).run(rest);
                case "check" -> new CheckCommand(out, err).run(rest);
                case "click" -> new ClickCommand(out, err).run(rest);
                case "explain" -> new ExplainCommand(out, err).run(rest);
                case "elements" -> new ElementsCommand(out).run(rest);
                case "bench" -> io.jmill.bench.suite.BenchCommand.run(rest, out, err);
                case "version", "--version" -> {
                    out.println("jmill " + io.jmill.engine.router.RouterBuilder.VERSION + " (Java "
                            + Runtime.version() + ")");
                    yield OK;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("jmill: " + e.getMessage());
            err.println();
            err.print(usage);
            return USAGE_ERROR;
        }
    }

    /** Applies {@code --memory} before the packet memory is first touched. */
    static void applyMemoryOption(CommandLine cl) throws UsageException {
        String memory = cl.value("--memory", null);
        if (memory == null) {
            return;
        }
        try {
            PacketMemory.parseSize(memory);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--memory: " + e.getMessage());
        }
        System.setProperty(PacketMemory.SIZE_PROPERTY, memory);
    }
}
