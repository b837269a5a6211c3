package io.jmill.bench.suite;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregate of one cell (NF x mode x size x threads) over its runs: medians and spread of
 * throughput, per-packet costs, latency percentiles from the merged histograms, and the paired
 * ratio to the baseline mode.
 */
final class CellResult {
    /** The columns of {@link #row()}, in order (results.csv, results.json, results.md). */
    static final List<String> COLUMNS = List.of("nf", "mode", "size", "threads", "runs", "mpps_median", "mpps_min",
            "mpps_max", "gbps_median", "ns_per_packet", "cycles_per_packet", "cycles_source", "p50_us", "p99_us",
            "p999_us", "alloc_bytes_per_packet", "ratio_to_baseline", "baseline", "offered_mpps",
            "mean_frame_bytes", "drops", "config");

    final String nf;
    final String config;
    final Mode mode;
    final String size;
    final int threads;
    final String baseline;
    /** Every run in order, failed ones included (their index pairs them with the baseline's). */
    final List<RunResult> runs;
    final Histogram latency = RunResult.emptyHistogram();

    final int okRuns;
    final double mppsMedian;
    final double mppsMin;
    final double mppsMax;
    final double gbpsMedian;
    final double nsPerPacket;
    final double cyclesPerPacket;
    final String cyclesSource;
    final double allocPerPacket;
    final double offeredMpps;
    final double meanFrameBytes;
    final long drops;
    double ratioToBaseline = Double.NaN;
    /** Per-run ratios to the baseline's run of the same index (NaN where either failed). */
    double[] pairedRatios = new double[0];

    CellResult(String nf, String config, Mode mode, String size, int threads, String baseline, List<RunResult> runs,
               Machine machine) {
        this.nf = nf;
        this.config = config;
        this.mode = mode;
        this.size = size;
        this.threads = threads;
        this.baseline = baseline;
        this.runs = List.copyOf(runs);
        List<RunResult> ok = runs.stream().filter(r -> r.ok() && r.delivered() > 0).toList();
        okRuns = ok.size();
        double[] mpps = ok.stream().mapToDouble(RunResult::mpps).toArray();
        mppsMedian = median(mpps);
        mppsMin = Arrays.stream(mpps).min().orElse(Double.NaN);
        mppsMax = Arrays.stream(mpps).max().orElse(Double.NaN);
        gbpsMedian = median(ok.stream().mapToDouble(RunResult::gbps).toArray());
        nsPerPacket = median(ok.stream().mapToDouble(r -> (double) r.windowNanos() / r.delivered()).toArray());
        boolean perf = !ok.isEmpty() && ok.stream().allMatch(r -> r.cycles() >= 0);
        if (perf) {
            cyclesSource = "perf";
            cyclesPerPacket = median(ok.stream().mapToDouble(r -> (double) r.cycles() / r.delivered()).toArray());
        } else if (machine.ghz() > 0) {
            cyclesSource = "estimated";
            cyclesPerPacket = median(ok.stream().mapToDouble(r -> r.cpuNanos() * machine.ghz() / r.delivered()).toArray());
        } else {
            cyclesSource = "unavailable";
            cyclesPerPacket = Double.NaN;
        }
        long delivered = ok.stream().mapToLong(RunResult::delivered).sum();
        // a run whose JVM did not count allocation (-1) leaves the cell without a value, not with 0
        allocPerPacket = delivered == 0 || ok.stream().anyMatch(r -> r.allocBytes() < 0) ? Double.NaN
                : (double) ok.stream().mapToLong(RunResult::allocBytes).sum() / delivered;
        offeredMpps = median(ok.stream().mapToDouble(r -> r.sourcePackets() * 1e3 / r.windowNanos()).toArray());
        long sourcePackets = ok.stream().mapToLong(RunResult::sourcePackets).sum();
        meanFrameBytes = sourcePackets == 0 ? Double.NaN
                : (double) ok.stream().mapToLong(RunResult::sourceBytes).sum() / sourcePackets;
        drops = ok.stream().mapToLong(RunResult::drops).sum();
        ok.forEach(r -> latency.add(r.latency()));
    }

    /** Sets the ratio to {@code base} from the pairs of runs with the same index (the median of their ratios). */
    void pairWith(CellResult base) {
        int n = Math.min(runs.size(), base.runs.size());
        pairedRatios = new double[n];
        List<Double> valid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RunResult a = runs.get(i);
            RunResult b = base.runs.get(i);
            boolean both = a.ok() && b.ok() && a.delivered() > 0 && b.delivered() > 0;
            pairedRatios[i] = both ? a.mpps() / b.mpps() : Double.NaN;
            if (both) {
                valid.add(pairedRatios[i]);
            }
        }
        ratioToBaseline = median(valid.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Why runs failed, each reason once, with the runs it applies to. */
    List<String> errors() {
        Map<String, List<Integer>> byReason = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            String reason = !r.ok() ? r.error() : r.delivered() == 0 ? "no packet reached a measured sink" : null;
            if (reason != null) {
                byReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(i + 1);
            }
        }
        List<String> errors = new ArrayList<>();
        byReason.forEach((reason, which) -> errors.add((which.size() == 1 ? "run " : "runs ")
                + String.join(",", which.stream().map(String::valueOf).toList()) + ": " + reason));
        return errors;
    }

    /** Latency at {@code percentile}, in microseconds; NaN without samples. */
    double latencyUs(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e3;
    }

    String label() {
        return nf + " " + mode.name() + " " + sizeLabel(size) + " " + threads + "t";
    }

    static String sizeLabel(String size) {
        return size.chars().allMatch(Character::isDigit) ? size + "B" : size;
    }

    /** One row: values for {@link #COLUMNS}. */
    Map<String, Object> row() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nf", nf);
        m.put("mode", mode.name());
        m.put("size", size);
        m.put("threads", threads);
        m.put("runs", okRuns);
        m.put("mpps_median", mppsMedian);
        m.put("mpps_min", mppsMin);
        m.put("mpps_max", mppsMax);
        m.put("gbps_median", gbpsMedian);
        m.put("ns_per_packet", nsPerPacket);
        m.put("cycles_per_packet", cyclesPerPacket);
        m.put("cycles_source", cyclesSource);
        m.put("p50_us", latencyUs(50));
        m.put("p99_us", latencyUs(99));
        m.put("p999_us", latencyUs(99.9));
        m.put("alloc_bytes_per_packet", allocPerPacket);
        m.put("ratio_to_baseline", ratioToBaseline);
        m.put("baseline", baseline);
        m.put("offered_mpps", offeredMpps);
        m.put("mean_frame_bytes", meanFrameBytes);
        m.put("drops", drops);
        m.put("config", config);
        return m;
    }

    /** {@link #row()} plus the per-run values and errors, for results.json. */
    Map<String, Object> toJson() {
        Map<String, Object> m = row();
        List<Object> perRun = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("ok", r.ok());
            x.put("mpps", r.ok() ? r.mpps() : null);
            x.put("delivered", r.delivered());
            x.put("window_nanos", r.windowNanos());
            x.put("alloc_bytes", r.allocBytes());
            x.put("cpu_nanos", r.cpuNanos());
            x.put("cycles", r.cycles() >= 0 ? r.cycles() : null);
            x.put("latency_samples", r.latency().getTotalCount());
            x.put("ratio_to_baseline", i < pairedRatios.length ? pairedRatios[i] : null);
            x.put("error", r.error());
            perRun.add(x);
        }
        m.put("per_run", perRun);
        m.put("latency_samples", latency.getTotalCount());
        return m;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
