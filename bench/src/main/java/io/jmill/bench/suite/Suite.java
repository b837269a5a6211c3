package io.jmill.bench.suite;

import io.jmill.engine.element.ElementRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the cells of a benchmark: for each NF x size x threads, {@code runs} rounds in which every
 * mode runs once, in order (A B A B ...), so that drift of the machine hits all modes alike and
 * run i of a mode pairs with run i of the baseline (the first mode that applies).
 */
final class Suite {
    /** Rough JVM start-up plus router build and close, for the first ETA. */
    private static final long RUN_OVERHEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final Pattern USES_SIZE = Pattern.compile("\\$(SIZE\\b|\\{SIZE\\b)");

    /** What to run. */
    record Settings(List<Nf.Config> nfs, List<Mode> modes, List<String> sizes, List<Integer> threads, int runs,
                    long warmupNanos, long durationNanos, int batch, int latencySample, boolean fork, Path out) {
    }

    /** A group of cells run interleaved: one NF, size and thread count, several modes. */
    private record Group(Nf.Config nf, String size, int threads, List<Mode> modes) {
    }

    private final Settings settings;
    private final Machine machine;
    private final ProgressBar progress;
    private final List<Group> groups = new ArrayList<>();
    /** Cells not run or run differently, and why. */
    final List<String> skipped = new ArrayList<>();

    Suite(Settings settings, Machine machine, PrintStream err, boolean terminal) {
        this.settings = settings;
        this.machine = machine;
        Map<Mode, List<String>> notApplying = new LinkedHashMap<>();
        for (Nf.Config nf : settings.nfs()) {
            List<Mode> modes = new ArrayList<>();
            for (Mode m : settings.modes()) {
                if (m.appliesTo(nf.text())) {
                    modes.add(m);
                } else {
                    notApplying.computeIfAbsent(m, k -> new ArrayList<>()).add(nf.nf().name());
                }
            }
            if (modes.isEmpty()) {
                continue;
            }
            List<String> sizes = settings.sizes();
            if (nf.nf().trace() == null && !USES_SIZE.matcher(nf.text()).find()) {
                skipped.add(nf.nf().name() + ": " + nf.where() + " does not use $SIZE: run once, at its own packet"
                        + " sizes (size 'config')");
                sizes = List.of("config");
            }
            for (String size : sizes) {
                for (int t : settings.threads()) {
                    groups.add(new Group(nf, size, t, modes));
                }
            }
        }
        notApplying.forEach((m, nfs) -> skipped.add("mode " + m.name() + ": not run for " + String.join(", ", nfs)
                + " (configurations that do not use " + String.join(", ", m.variables().keySet().stream()
                .sorted().map(v -> "$" + v).toList()) + ")"));
        int cells = groups.stream().mapToInt(g -> g.modes().size()).sum();
        this.progress = new ProgressBar(err, terminal, cells, cells * settings.runs(),
                settings.warmupNanos() + settings.durationNanos() + RUN_OVERHEAD_NANOS);
    }

    int cellCount() {
        return groups.stream().mapToInt(g -> g.modes().size()).sum();
    }

    List<CellResult> run() throws IOException {
        for (String s : skipped) {
            progress.message("bench: " + s);
        }
        List<CellResult> results = new ArrayList<>();
        for (Group g : groups) {
            Map<Mode, List<RunResult>> runs = new LinkedHashMap<>();
            g.modes().forEach(m -> runs.put(m, new ArrayList<>()));
            for (int r = 1; r <= settings.runs(); r++) {
                for (Mode m : g.modes()) {
                    String label = g.nf().nf().name() + " " + m.name() + " " + CellResult.sizeLabel(g.size()) + " "
                            + g.threads() + "t";
                    progress.starting(label, r, settings.runs());
                    RunResult result = runOnce(g, m, r);
                    if (!result.ok()) {
                        progress.message("bench: " + label + " run " + r + " failed: " + result.error());
                    }
                    runs.get(m).add(result);
                    progress.finished(r == settings.runs());
                }
            }
            CellResult base = null;
            for (Mode m : g.modes()) {
                CellResult c = new CellResult(g.nf().nf().name(), g.nf().where(), m, g.size(), g.threads(),
                        g.modes().getFirst().name(), runs.get(m), machine);
                base = base == null ? c : base;
                c.pairWith(base);
                results.add(c);
            }
        }
        progress.done();
        return results;
    }

    /**
     * Builds (and closes) the router of every cell once, here, so that configuration errors are
     * all reported before anything runs. Returns them, each with the cells it concerns.
     */
    List<String> check() {
        ElementRegistry registry = ConfigRewriter.registry();
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> cellsByError = new LinkedHashMap<>();
        for (Group g : groups) {
            for (Mode m : g.modes()) {
                RunSpec spec = spec(g, m);
                if (!seen.add(spec.origin() + spec.variables())) {
                    continue;
                }
                String error = CellRunner.check(spec, registry);
                if (error != null) {
                    cellsByError.computeIfAbsent(error, k -> new ArrayList<>())
                            .add(g.nf().nf().name() + " " + m.name() + " " + CellResult.sizeLabel(g.size()));
                }
            }
        }
        List<String> errors = new ArrayList<>();
        cellsByError.forEach((error, cells) -> errors.add(String.join(", ", cells) + ":\n  "
                + error.replace("\n", "\n  ")));
        return errors;
    }

    private RunSpec spec(Group g, Mode mode) {
        Map<String, String> vars = new LinkedHashMap<>(g.nf().nf().variables());
        if (!g.size().equals("config")) {
            vars.put("SIZE", g.size());
        }
        if (g.nf().nf().trace() != null) {
            vars.put("PCAP", Traces.ensure(g.nf().nf(), g.size(), settings.out().resolve("traces")).toString());
        }
        vars.putAll(mode.variables());
        return new RunSpec(g.nf().nf().name(), g.nf().origin(), vars, mode.name(), g.threads(), settings.batch(),
                settings.warmupNanos(), settings.durationNanos(), settings.latencySample());
    }

    private RunResult runOnce(Group g, Mode mode, int run) throws IOException {
        RunSpec spec = spec(g, mode);
        Path log = settings.out().resolve("logs").resolve(g.nf().nf().name() + "-" + mode.name() + "-" + g.size() + "-"
                + g.threads() + "t-run" + run + ".log");
        if (settings.fork()) {
            return ChildJvm.run(spec, mode, log);
        }
        Files.createDirectories(log.getParent());
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            return CellRunner.run(spec, logStream);
        }
    }
}
