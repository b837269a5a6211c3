package io.jmill.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the results were measured on, written into every output: CPU model and frequency, cores,
 * memory, operating system, JVM, and whether {@code perf} can count cycles.
 *
 * @param ghz       the frequency cycles are estimated from when perf cannot count them
 * @param ghzSource where {@link #ghz} comes from (the nominal frequency in the model name, or the
 *                  current "cpu MHz" of /proc/cpuinfo)
 */
record Machine(String cpu, int cores, double ghz, String ghzSource, long memoryBytes, String os, String jvm,
               boolean perfCycles) {

    private static final Pattern NOMINAL = Pattern.compile("@\\s*([0-9.]+)\\s*GHz");

    static Machine describe() {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        String model = field(cpuinfo, "model name");
        double ghz = 0;
        String source = "unknown (no /proc/cpuinfo frequency)";
        Matcher m = model == null ? null : NOMINAL.matcher(model);
        if (m != null && m.find()) {
            ghz = Double.parseDouble(m.group(1));
            source = "nominal, from the CPU model name";
        } else {
            String mhz = field(cpuinfo, "cpu MHz");
            if (mhz != null) {
                try {
                    ghz = Double.parseDouble(mhz) / 1000;
                    source = "/proc/cpuinfo \"cpu MHz\" at start-up";
                } catch (NumberFormatException ignored) {
                    // keep unknown
                }
            }
        }
        long memory = 0;
        String total = field(lines(Path.of("/proc/meminfo")), "MemTotal");
        if (total != null) {
            memory = Long.parseLong(total.replaceAll("[^0-9]", "")) * 1024;
        }
        String jvm = System.getProperty("java.vm.name") + " " + Runtime.version() + " ("
                + System.getProperty("java.vm.vendor") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new Machine(model == null ? System.getProperty("os.arch") : model,
                Runtime.getRuntime().availableProcessors(), ghz, source, memory, os, jvm, Cycles.perfAvailable());
    }

    /** One line, for chart subtitles and progress output. */
    String summary() {
        return String.format(Locale.ROOT, "%s, %d cores, %s, %.1f GiB, %s", cpu, cores, ghzText(), memoryBytes / 1073741824.0,
                jvm);
    }

    String ghzText() {
        return ghz > 0 ? String.format(Locale.ROOT, "%.3f GHz", ghz) : "? GHz";
    }

    /** How cycles per packet are obtained on this machine, in words. */
    String cyclesMethod() {
        return perfCycles
                ? "perf stat -e cycles on the worker threads during the measurement window"
                : "estimated: worker-thread CPU time x " + ghzText() + " (" + ghzSource
                        + "); perf cannot count cycles here";
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("ghz", ghz);
        m.put("ghz_source", ghzSource);
        m.put("memory_bytes", memoryBytes);
        m.put("os", os);
        m.put("jvm", jvm);
        m.put("perf_cycles", perfCycles);
        m.put("cycles_method", cyclesMethod());
        return m;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The value of the first {@code key : value} line. */
    private static String field(List<String> lines, String key) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }
}
