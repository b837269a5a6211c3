package io.jmill.bench.suite;

import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code jmill bench}: the NF benchmark suite (what NPF is to PacketMill). Runs every cell
 * NF x mode x size x threads for a warm-up and a measurement window, {@code --runs} times with
 * the modes interleaved, each run in a JVM of its own, and writes results.csv, results.json,
 * results.md and PNG charts to {@code --out}.
 *
 * <pre>{@code
 * int status = BenchCommand.run(List.of("--quick"), System.out, System.err);
 * }</pre>
 */
public final class BenchCommand {
    /** Exit status: every run succeeded (and, with --quick, every number looked sane). */
    public static final int OK = 0;
    /** Exit status: runs failed, or --quick found numbers that are not sane. */
    public static final int FAILED = 1;
    /** Exit status: bad command line. */
    public static final int USAGE_ERROR = 2;

    /** Allocation per packet above which a mode without an after-warm-up action is reported (bytes). */
    static final double SANE_ALLOC_BYTES_PER_PACKET = 1.0;
    static final List<String> ALL_SIZES = List.of("64", "256", "1500", "imix");
    static final List<String> QUICK_NFS = List.of("forwarder", "router");

    static final String USAGE = """
            usage: jmill bench [options]

            Runs network functions (NFs) in several modes, packet sizes and thread counts, and
            writes Mpps, Gbps, ns and cycles per packet, latency percentiles, allocation per packet
            and the ratio to the baseline mode, per cell, to results.csv, results.json, results.md
            and PNG charts. Each run is a fresh JVM; the modes of a cell alternate run by run.

            options:
              --nf A,B          NFs, or configuration files (*.click) (default: every NF found)
              --modes M1,M2     modes; the first one is the baseline of the ratios (default: all;
                                a mode that sets a variable runs only where the NF uses it)
              --sizes S,...     packet sizes: bytes (14-2048) or imix (default 64,256,1500,imix)
              --threads N,...   worker threads (default 1)
              --runs N          runs per cell (default 5)
              --warmup T        run time before measuring (default 3s; e.g. 500ms, 2s)
              --duration T      measurement window of each run (default 5s)
              --out DIR         output folder (default jmill-out/bench-YYYYMMDD-HHMMSS)
              --examples DIR    where examples/NF.click are looked for (default examples)
              --batch N         router batch size (default 32)
              --latency-sample N  stamp one packet in N for the latency histograms (default 63);
                                  0: no latency, the sinks only count (the NF's own throughput,
                                  without the stamps' metadata reads and writes)
              --no-fork         run everything in this JVM (runs then share JIT profiles)
              --quick           a quick check for CI: 1 run, 1s warm-up, 1s window, NFs
                                forwarder,router, size 64, 1 thread (options given win); fails
                                if a number is not sane, or if specialized code is not at least
                                x1.25 faster than generic on the router (generic and specialized
                                interleaved in one JVM, medians of 8 epochs each)
              --help            this text

            exit status: 0 done, 1 runs failed (or --quick found insane numbers), 2 usage error
            """;

    private static final Set<String> VALUED = Set.of("--nf", "--modes", "--sizes", "--threads", "--runs", "--warmup",
            "--duration", "--out", "--examples", "--batch", "--latency-sample");
    private static final Set<String> FLAGS = Set.of("--quick", "--no-fork", "--help");

    private BenchCommand() {
    }

    /** Runs the suite as a program of its own ({@code bench/suite}); {@code jmill bench} calls {@link #run}. */
    public static void main(String[] args) {
        int status = run(List.of(args), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs {@code jmill bench ARGS}; returns the exit status. Progress and problems go to {@code err}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> opts;
        Suite.Settings settings;
        boolean quick;
        List<String> notes = new ArrayList<>();
        try {
            opts = parse(args);
            if (opts.containsKey("--help")) {
                out.print(USAGE);
                out.print(registries());
                return OK;
            }
            quick = opts.containsKey("--quick");
            settings = settings(opts, quick, notes);
        } catch (UsageException e) {
            err.println("jmill bench: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return USAGE_ERROR;
        }
        boolean terminal = err == System.err && System.console() != null && System.console().isTerminal();
        try {
            return execute(settings, quick, notes, out, err, terminal);
        } catch (IOException e) {
            err.println("jmill bench: cannot write results to " + settings.out() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private static int execute(Suite.Settings settings, boolean quick, List<String> notes, PrintStream out,
                               PrintStream err, boolean terminal) throws IOException {
        Machine machine = Machine.describe();
        err.println("bench: " + machine.summary());
        err.println("bench: cycles per packet: " + machine.cyclesMethod());
        notes.forEach(n -> err.println("bench: " + n));
        Suite suite = new Suite(settings, machine, err, terminal);
        if (suite.cellCount() == 0) {
            suite.skipped.forEach(s -> err.println("bench: " + s));
            err.println("jmill bench: nothing to run");
            return FAILED;
        }
        List<String> configErrors = suite.check();
        if (!configErrors.isEmpty()) {
            configErrors.forEach(e -> err.println("jmill bench: " + e));
            err.println("jmill bench: " + configErrors.size() + " configuration" + (configErrors.size() == 1 ? "" : "s")
                    + " cannot run; nothing was measured");
            return FAILED;
        }
        err.println("bench: " + suite.cellCount() + " cells x " + settings.runs() + " runs, results in " + settings.out());
        List<CellResult> cells = suite.run();

        List<String> problems = new ArrayList<>();
        boolean failedRuns = false;
        for (CellResult c : cells) {
            for (String e : c.errors()) {
                problems.add(c.label() + ": " + e);
                failedRuns = true;
            }
        }
        List<String> insane = sanityProblems(cells, settings.latencySample() > 0);
        problems.addAll(insane);
        String speedLine = null;
        if (quick) {
            Nf.Config router = settings.nfs().stream().filter(c -> c.nf().name().equals("router")).findFirst().orElse(null);
            if (router != null) {
                err.println("bench: speed check: generic and specialized " + router.where() + " interleaved in one JVM");
                SpeedCheck.Result speed = SpeedCheck.run(router);
                speedLine = speed.summary() + "\n  " + speed.epochs();
                if (!speed.passed()) {
                    insane.add(speed.summary());
                    problems.add(speed.summary());
                }
            }
        }
        List<String> skipped = new ArrayList<>(notes);
        skipped.addAll(suite.skipped);

        List<String> charts = List.of();
        try {
            charts = Charts.writeAll(settings.out(), cells, machine);
        } catch (IOException | RuntimeException | Error e) { // no fonts, no AWT: the numbers still count
            problems.add("charts not written: " + e);
        }
        Results.writeAll(settings.out(), new Results.Context(machine, settingsJson(settings, quick), skipped, problems,
                charts), cells);

        out.print(Results.table(cells));
        if (speedLine != null) {
            out.println();
            out.println(speedLine);
        }
        out.println();
        out.println("cycles per packet: " + machine.cyclesMethod());
        out.println("results: " + settings.out().resolve("results.md") + " (also results.csv, results.json, "
                + charts.size() + " charts)");
        for (String p : problems) {
            err.println("bench: problem: " + p);
        }
        return failedRuns || (quick && !insane.isEmpty()) ? FAILED : OK;
    }

    /** Checks that hold for any machine: no timing thresholds, only consistency. */
    static List<String> sanityProblems(List<CellResult> cells, boolean latencyMeasured) {
        List<String> problems = new ArrayList<>();
        for (CellResult c : cells) {
            if (c.okRuns == 0) {
                continue; // reported as failed runs
            }
            if (!(c.mppsMedian > 0)) {
                problems.add(c.label() + ": throughput is 0 Mpps");
                continue;
            }
            // ns/packet is the median of the runs' own values: within the Mpps range, inverted
            if (c.nsPerPacket < 1e3 / c.mppsMax * 0.99 || c.nsPerPacket > 1e3 / c.mppsMin * 1.01) {
                problems.add(String.format(Locale.ROOT, "%s: ns/packet %.2f does not match %.3f-%.3f Mpps", c.label(),
                        c.nsPerPacket, c.mppsMin, c.mppsMax));
            }
            if (Double.isNaN(c.allocPerPacket)) {
                problems.add(c.label() + ": allocation per packet not measured (this JVM does not count allocation"
                        + " per thread)");
            } else if (c.mode.afterWarmup() == Mode.NOTHING && c.allocPerPacket > SANE_ALLOC_BYTES_PER_PACKET) {
                problems.add(String.format(Locale.ROOT, "%s: allocates %.2f bytes per packet on the data path "
                        + "(expected ~0)", c.label(), c.allocPerPacket));
            }
            if (c.latency.getTotalCount() == 0 && latencyMeasured) {
                problems.add(c.label() + ": no latency samples");
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ command line

    private static Map<String, String> parse(List<String> args) throws UsageException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (FLAGS.contains(a)) {
                if (value != null) {
                    throw new UsageException(a + " takes no value");
                }
                opts.put(a, "");
            } else if (VALUED.contains(a)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(a + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (opts.put(a, value) != null) {
                    throw new UsageException(a + " given twice");
                }
            } else {
                throw new UsageException(a.startsWith("-") ? "unknown option '" + a + "'" : "unexpected argument '" + a + "'");
            }
        }
        return opts;
    }

    private static Suite.Settings settings(Map<String, String> o, boolean quick, List<String> notes)
            throws UsageException {
        Path examples = Path.of(o.getOrDefault("--examples", "examples"));
        List<Nf.Config> nfs = new ArrayList<>();
        if (o.containsKey("--nf")) {
            for (String name : list(o, "--nf")) {
                Nf.Config c = Nfs.resolve(name, examples);
                if (c == null) {
                    throw new UsageException("--nf: " + (name.endsWith(".click") ? "no file " + name
                            : Nfs.find(name) == null ? "unknown NF '" + name + "' (known: " + nfNames() + ")"
                            : "no configuration for '" + name + "': " + examples.resolve(Nfs.find(name).exampleFile()) + " does not exist"));
                }
                nfs.add(c);
            }
        } else {
            for (Nf nf : Nfs.all()) {
                if (quick && !QUICK_NFS.contains(nf.name())) {
                    continue;
                }
                Nf.Config c = nf.locate(examples);
                if (c == null) {
                    notes.add(nf.name() + ": no configuration (" + examples.resolve(nf.exampleFile())
                            + " does not exist)");
                } else {
                    nfs.add(c);
                }
            }
        }
        List<Mode> modes = new ArrayList<>();
        if (o.containsKey("--modes")) {
            for (String name : list(o, "--modes")) {
                Mode m = Modes.find(name);
                if (m == null) {
                    throw new UsageException("--modes: unknown mode '" + name + "' (known: "
                            + String.join(", ", Modes.all().stream().map(Mode::name).toList()) + ")");
                }
                modes.add(m);
            }
        } else {
            modes.addAll(Modes.all());
        }
        boolean fork = !o.containsKey("--no-fork");
        if (!fork) {
            for (Mode m : modes) {
                if (!m.jvmArgs().isEmpty()) {
                    throw new UsageException("--no-fork: mode " + m.name() + " needs JVM flags " + m.jvmArgs());
                }
            }
            notes.add("--no-fork: all runs share this JVM and its JIT profiles; prefer forked runs for numbers");
        }
        List<String> sizes = o.containsKey("--sizes") ? list(o, "--sizes") : quick ? List.of("64") : ALL_SIZES;
        for (String s : sizes) {
            if (!s.equals("imix")) {
                int n = integer("--sizes", s, 14, 2048);
                if (!s.equals(Integer.toString(n))) {
                    throw new UsageException("--sizes: write '" + n + "', not '" + s + "'");
                }
            }
        }
        List<Integer> threads = new ArrayList<>();
        for (String t : o.containsKey("--threads") ? list(o, "--threads") : List.of("1")) {
            threads.add(integer("--threads", t, 1, 256));
        }
        int runs = integer("--runs", o.getOrDefault("--runs", quick ? "1" : "5"), 1, 1000);
        long warmup = duration("--warmup", o.getOrDefault("--warmup", quick ? "1s" : "3s"));
        long durationNanos = duration("--duration", o.getOrDefault("--duration", quick ? "1s" : "5s"));
        if (warmup < TimeUnit.MILLISECONDS.toNanos(100) || durationNanos < TimeUnit.MILLISECONDS.toNanos(100)) {
            throw new UsageException("--warmup and --duration must be at least 100ms");
        }
        int batch = integer("--batch", o.getOrDefault("--batch", "32"), 1, 4096);
        int sample = integer("--latency-sample", o.getOrDefault("--latency-sample",
                Integer.toString(LatencyStamp.DEFAULT_SAMPLE)), 0, Integer.MAX_VALUE);
        Path out = Path.of(o.getOrDefault("--out", "jmill-out/bench-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        return new Suite.Settings(nfs, modes, sizes, threads, runs, warmup, durationNanos, batch, sample, fork, out);
    }

    private static Map<String, Object> settingsJson(Suite.Settings s, boolean quick) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nfs", s.nfs().stream().map(c -> c.nf().name()).toList());
        m.put("modes", s.modes().stream().map(Mode::name).toList());
        m.put("sizes", s.sizes());
        m.put("threads", s.threads());
        m.put("runs", s.runs());
        m.put("warmup_s", s.warmupNanos() / 1e9);
        m.put("duration_s", s.durationNanos() / 1e9);
        m.put("batch", s.batch());
        m.put("latency_sample", s.latencySample());
        m.put("fork", s.fork());
        m.put("quick", quick);
        List<String> flags = new ArrayList<>(ChildJvm.JMILL_FLAGS);
        flags.addAll(ChildJvm.MEMORY_FLAGS);
        m.put("run_jvm_flags", s.fork() ? flags : List.of("(in-process)"));
        return m;
    }

    private static List<String> list(Map<String, String> o, String key) throws UsageException {
        Set<String> items = new LinkedHashSet<>();
        for (String item : o.get(key).split(",")) {
            if (!item.isBlank() && !items.add(item.strip())) {
                throw new UsageException(key + ": '" + item.strip() + "' given twice");
            }
        }
        if (items.isEmpty()) {
            throw new UsageException(key + " needs at least one value");
        }
        return List.copyOf(items);
    }

    private static int integer(String key, String text, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < min || n > max) {
                throw new UsageException(key + ": " + n + " is out of range " + min + "-" + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(key + ": '" + text + "' is not an integer");
        }
    }

    private static long duration(String key, String text) throws UsageException {
        Args a = new Args(key, text);
        long nanos = a.positional("T").durationNanos(-1);
        try {
            a.complete();
        } catch (ArgsException e) {
            throw new UsageException(key + ": " + String.join("; ", e.errors()));
        }
        if (nanos <= 0) {
            throw new UsageException(key + ": '" + text + "' is not a positive duration (e.g. 2s, 500ms)");
        }
        return nanos;
    }

    private static String nfNames() {
        return String.join(", ", Nfs.all().stream().map(Nf::name).toList());
    }

    private static String registries() {
        StringBuilder sb = new StringBuilder("\nNFs (examples/NAME.click wins over the bench's own configuration):\n");
        for (Nf nf : Nfs.all()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %s%n", nf.name(), nf.description()));
        }
        sb.append("\nmodes:\n");
        for (Mode m : Modes.all()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %s%n", m.name(), m.description()));
        }
        return sb.toString();
    }

    /** A bad command line; the message says what to fix. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
