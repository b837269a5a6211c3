package io.jmill.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes results.csv, results.json and results.md, each with the machine description. */
final class Results {
    private Results() {
    }

    /** Everything the files say besides the cells. */
    record Context(Machine machine, Map<String, Object> settings, List<String> skipped, List<String> problems,
                   List<String> charts) {
    }

    static void writeAll(Path dir, Context ctx, List<CellResult> cells) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), csv(ctx, cells));
        Files.writeString(dir.resolve("results.json"), json(ctx, cells));
        Files.writeString(dir.resolve("results.md"), markdown(ctx, cells));
    }

    static String csv(Context ctx, List<CellResult> cells) {
        StringBuilder sb = new StringBuilder();
        // Comment lines: pandas reads them with comment='#', spreadsheets show them as text.
        sb.append("# JMill NF benchmark suite; machine: ").append(ctx.machine().summary()).append('\n');
        sb.append("# cycles: ").append(ctx.machine().cyclesMethod()).append('\n');
        sb.append(String.join(",", CellResult.COLUMNS)).append('\n');
        for (CellResult c : cells) {
            List<String> values = new ArrayList<>();
            for (Object v : c.row().values()) {
                values.add(csvValue(v));
            }
            sb.append(String.join(",", values)).append('\n');
        }
        return sb.toString();
    }

    private static String csvValue(Object v) {
        String s = switch (v) {
            case null -> "";
            case Double d -> d.isNaN() || d.isInfinite() ? "" : number(d);
            default -> v.toString();
        };
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Four significant digits, at least the integer part, no exponent. */
    static String number(double d) {
        double a = Math.abs(d);
        int decimals = a >= 1000 ? 1 : a >= 100 ? 2 : a >= 10 ? 3 : a >= 1 ? 4 : a >= 0.01 ? 5 : 6;
        return String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    static String json(Context ctx, List<CellResult> cells) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "jmill bench");
        m.put("machine", ctx.machine().toJson());
        m.put("settings", ctx.settings());
        m.put("columns", CellResult.COLUMNS);
        List<Object> rows = new ArrayList<>();
        cells.forEach(c -> rows.add(c.toJson()));
        m.put("cells", rows);
        m.put("skipped", ctx.skipped());
        m.put("problems", ctx.problems());
        m.put("charts", ctx.charts());
        return Json.pretty(m);
    }

    static String markdown(Context ctx, List<CellResult> cells) {
        StringBuilder sb = new StringBuilder("# JMill NF benchmark results\n\n");
        Machine mc = ctx.machine();
        sb.append("Machine: ").append(mc.cpu()).append(", ").append(mc.cores()).append(" cores, ").append(mc.ghzText())
                .append(", ")
                .append(String.format(Locale.ROOT, "%.1f GiB", mc.memoryBytes() / 1073741824.0)).append(", ")
                .append(mc.os()).append("; ").append(mc.jvm()).append(".  \n");
        sb.append("Cycles per packet: ").append(mc.cyclesMethod()).append(".  \n");
        sb.append("Settings:");
        ctx.settings().forEach((k, v) -> {
            if (!k.equals("run_jvm_flags")) {
                sb.append(' ').append(k).append('=').append(v instanceof List<?> l
                        ? String.join(",", l.stream().map(String::valueOf).toList()) : v);
            }
        });
        if (ctx.settings().get("run_jvm_flags") instanceof List<?> flags) {
            sb.append(".  \nJVM of each run: `").append(String.join(" ", flags.stream().map(String::valueOf).toList()))
                    .append('`');
        }
        sb.append(".\n\n");
        sb.append(table(cells));
        sb.append("""

                Mpps: packets that reached the measured sinks per second (median over runs; min-max in brackets).
                Gbps at the frame lengths the sources generated. ns/pkt: measurement window / packets.
                Latency: from the source's timestamp (per burst) to the sink; sampled packets, all runs merged.
                alloc B/pkt: heap bytes allocated by the worker threads per packet.
                Ratio: median over runs of this mode's Mpps / the baseline mode's Mpps in the same round.
                """);
        if (!ctx.charts().isEmpty()) {
            sb.append("\n## Charts\n\n");
            for (String chart : ctx.charts()) {
                sb.append("![").append(chart).append("](").append(chart).append(")\n");
            }
        }
        if (!ctx.skipped().isEmpty()) {
            sb.append("\n## Notes\n\n");
            ctx.skipped().forEach(s -> sb.append("- ").append(s).append('\n'));
        }
        if (!ctx.problems().isEmpty()) {
            sb.append("\n## Problems\n\n");
            ctx.problems().forEach(s -> sb.append("- ").append(s.replace("\n", " ")).append('\n'));
        }
        return sb.toString();
    }

    /** The results as a Markdown table (also printed by {@code jmill bench}). */
    static String table(List<CellResult> cells) {
        StringBuilder sb = new StringBuilder();
        sb.append("| NF | mode | size | thr | runs | Mpps [min-max] | Gbps | ns/pkt | cycles/pkt | p50 µs | p99 µs | p999 µs "
                + "| alloc B/pkt | ratio |\n");
        sb.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (CellResult c : cells) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s [%s-%s] | %s | %s | %s%s | %s | %s | %s | %s | %s |%n",
                    c.nf, c.mode.name(), CellResult.sizeLabel(c.size), c.threads, c.okRuns, fmt(c.mppsMedian, 3),
                    fmt(c.mppsMin, 3), fmt(c.mppsMax, 3), fmt(c.gbpsMedian, 2), fmt(c.nsPerPacket, 1),
                    fmt(c.cyclesPerPacket, 0), c.cyclesSource.equals("perf") ? "" : " (est.)", fmt(c.latencyUs(50), 2),
                    fmt(c.latencyUs(99), 2), fmt(c.latencyUs(99.9), 2), fmt(c.allocPerPacket, 3),
                    fmt(c.ratioToBaseline, 3)));
        }
        return sb.toString();
    }

    private static String fmt(double d, int decimals) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", d);
    }
}
