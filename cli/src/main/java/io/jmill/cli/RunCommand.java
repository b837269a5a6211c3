package io.jmill.cli;

import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.specializer.control.AdaptiveController;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code jmill run}: builds the router, runs it on worker threads with a progress line every
 * second, stops on end of input, a stop request, {@code --duration} or Ctrl-C, then prints the
 * requested handlers.
 */
final class RunCommand {
    static final String USAGE = """
            usage: jmill run FILE|-e CONFIG [VAR=value ...] [options]

            Runs a Click configuration until a source stops it, the input ends, --duration
            passes, or Ctrl-C.

            options:
              -e CONFIG          configuration text instead of a file
              VAR=value          override define($VAR ...) of the configuration
              --threads N        worker threads (default 1)
              --batch N          batch size, the default BURST of sources (default 32)
              --duration T       stop after T (e.g. 10s, 500ms, 2min)
              --memory SIZE      packet memory (default 256m; e.g. 1g)
              -h ELEM.HANDLER    print this handler's value at exit (repeatable); also the
                                 router's own: task_errors, specializer_state,
                                 specializer_plan, specializer_swaps, ...
              --quiet            no progress lines
              --specialize MODE  auto (default): run generic, profile, specialize within seconds
                                 and report the speed-up; now: specialize before the first
                                 packet; off: stay generic
              --profile-in FILE  specialize from a saved profile (implies --specialize now)
              --profile-out FILE write the profile the specializer used (or one measured over
                                 the run) as JSON at exit
              --layout L         packet-metadata layout: hot (the default when the run has a
                                 profile: auto mode or --profile-in): after the first
                                 specialization, reorder the fields by the profile's accesses
                                 (hottest in the first cache line), swap it in live and
                                 re-specialize; generic (the default otherwise): keep the
                                 generic layout; ab: A/B-test the generic layout against the
                                 hot-first one on the live traffic (6 pairs of 1 s epochs)
                                 and keep the winner
              --jvmci-profile    measure each element's metadata-field reads and writes from
                                 HotSpot's own branch profiles (through JVMCI) instead of
                                 estimating them; the profile keeps the estimate next to them
              --backend B        c2 (default): HotSpot's C2 compiles the specialized code when
                                 it gets hot; graal: Graal compiles it through JVMCI at swap
                                 time (falls back to c2, saying why, if it cannot)
              --jmx-port PORT    also serve JMX remotely on 127.0.0.1:PORT (0 = any free port)
              --jmx-bind ADDR    with --jmx-port: listen on ADDR instead (0.0.0.0: every
                                 interface); needs --jmx-password-file, or --jmx-no-auth
              --jmx-all-interfaces  same as --jmx-bind 0.0.0.0
              --jmx-password-file F  clients log in as a role: 'role password' lines (mode 600)
              --jmx-access-file F    'role readonly|readwrite' lines (default: all read-only)
              --jmx-ssl          serve over TLS, key from the javax.net.ssl.* system properties
              --jmx-ssl-config F TLS from a file of javax.net.ssl.keyStore, ...Password, ... lines
              --jmx-ssl-need-client-auth  clients must present a trusted certificate
              --jmx-no-auth      allow a non-loopback address without authentication (anyone
                                 who reaches the port controls the process)
              --help             this text

            exit status: 0 stopped cleanly, 1 configuration errors, 2 usage error,
                         3 ran but tasks threw exceptions (reported on standard error)
            """;
    static final Set<String> VALUED = Set.of("-e", "--threads", "--batch", "--duration", "--memory", "-h", "--jmx-port",
            "--specialize", "--profile-in", "--profile-out", "--layout", "--backend", "--jmx-bind", "--jmx-password-file",
            "--jmx-access-file", "--jmx-ssl-config");
    static final Set<String> FLAGS = Set.of("--quiet", "--help", "--jvmci-profile", "--jmx-all-interfaces", "--jmx-ssl",
            "--jmx-ssl-need-client-auth", "--jmx-no-auth");

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException, InterruptedException {
        CommandLine cl = CommandLine.parse(args, VALUED, FLAGS);
        if (cl.has("--help")) {
            out.print(USAGE);
            return Main.OK;
        }
        int threads = cl.intValue("--threads", 1, 1, 256);
        int batch = cl.intValue("--batch", 32, 1, 4096);
        long durationNanos = parseDuration(cl.value("--duration", null));
        boolean quiet = cl.has("--quiet");
        Main.applyMemoryOption(cl);
        ConfigSource source = ConfigSource.from(cl);
        Specialization specialization = Specialization.fromOptions(cl);

        Router router;
        try {
            router = source.build(batch);
        } catch (ConfigException e) {
            e.errors().forEach(x -> err.println(x));
            err.println(source.name() + ": " + e.errors().size() + " error" + (e.errors().size() == 1 ? "" : "s")
                    + ", router not started");
            return Main.CONFIG_ERROR;
        }
        router.configurationNotes().forEach(err::println);
        router.errorLog(err);

        try (Management jmx = Management.start(router, source, cl, err);
             AdaptiveController controller = specialization.attach(router, source, quiet ? null : err)) {
            for (String h : cl.values("-h")) { // after attach: the specializer adds handlers of its own
                try {
                    router.handler(h);
                } catch (HandlerException e) {
                    router.close();
                    throw new UsageException("-h " + h + ": " + e.getMessage());
                }
            }
            jmx.add(controller);
            int status = runRouter(router, threads, durationNanos, quiet, cl.values("-h"), controller);
            specialization.writeProfile(controller, err);
            return status;
        }
    }

    private int runRouter(Router router, int threads, long durationNanos, boolean quiet, List<String> handlers,
                          AdaptiveController controller) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            router.stopNow("interrupted");
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "jmill-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            controller.beforeStart();
            router.start(threads);
            controller.start();
            Progress progress = new Progress(router, err);
            long deadline = durationNanos > 0 ? System.nanoTime() + durationNanos : Long.MAX_VALUE;
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    router.stopNow("duration reached");
                    break;
                }
                if (router.awaitStop(Math.min(remaining, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (!quiet) {
                    progress.report();
                }
            }
            router.close();
            for (String h : handlers) {
                printHandler(router, h);
            }
            if (!quiet) {
                err.println(progress.summary());
            }
            if (router.taskErrors() > 0) {
                err.println("jmill: " + router.taskErrors() + " batch(es) ended with an exception; first: "
                        + router.firstTaskError());
                return Main.TASK_ERRORS;
            }
            return Main.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // Already shutting down: the hook is running and waits for the latch above.
            }
        }
    }

    private void printHandler(Router router, String path) {
        try {
            String value = router.read(path);
            out.println(path + ":");
            out.println(value);
            out.println();
        } catch (HandlerException e) {
            err.println("jmill: " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("jmill: " + path + ": handler failed: " + e);
        }
    }

    static long parseDuration(String text) throws UsageException {
        if (text == null) {
            return -1;
        }
        Args a = new Args("--duration", text);
        long nanos = a.positional("DURATION").durationNanos(-1);
        try {
            a.complete();
        } catch (ArgsException e) {
            throw new UsageException("--duration: " + String.join("; ", e.errors()));
        }
        if (nanos <= 0) {
            throw new UsageException("--duration must be positive, e.g. 10s");
        }
        return nanos;
    }
}
