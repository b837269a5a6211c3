package io.jmill.cli;

import io.jmill.driver.pcap.PcapFormat;
import io.jmill.driver.pcap.PcapFrameSource;
import io.jmill.driver.pcap.PcapWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the configurations in {@code examples/} through the {@code jmill} entry point on a capture
 * and compares what they transmit and what their handlers say with committed golden files.
 *
 * <p>Golden files live in {@code cli/src/test/resources/golden/}: {@code NAME.out.pcap} (the frames
 * the example transmitted; timestamps are not compared, the wire tap stamps them with the clock),
 * {@code NAME.out.txt} (the same frames, one {@link ExampleFrames#describe} line each, for review)
 * and {@code NAME.handlers.txt} (the {@code -h} output). Run with {@code -Djmill.golden.update=true}
 * to rewrite them from the current behaviour, then review the diff of the {@code .txt} files.
 */
final class ExampleSupport {
    static final boolean UPDATE = Boolean.getBoolean("jmill.golden.update");
    private static final long START_NANOS = 1_700_000_000_000_000_000L;

    private ExampleSupport() {
    }

    /** What {@code jmill run} returned and printed. */
    record Result(int status, String out, String err) {
    }

    /** The project's root directory (the one holding {@code examples/}), found from the working directory up. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/forwarder.click")) && Files.isDirectory(p.resolve("cli"))) {
                return p;
            }
        }
        throw new IllegalStateException("no examples/ directory above " + Path.of("").toAbsolutePath());
    }

    static Path example(String name) {
        return root().resolve("examples").resolve(name + ".click");
    }

    static Path goldenDir() {
        return root().resolve("cli/src/test/resources/golden");
    }

    /** {@code jmill ARGS...}: status and what it printed. */
    static Result jmill(List<String> args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code jmill run examples/NAME.click PCAP=in OUT=out --quiet -h task_errors -h HANDLER...
     * VAR=value...}; asserts exit status 0 and no task errors.
     */
    static Result runExample(String name, Path in, Path out, List<String> handlers, String... vars)
            throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", example(name).toString(), "PCAP=" + in, "OUT=" + out,
                "--quiet", "-h", "task_errors"));
        for (String h : handlers) {
            args.add("-h");
            args.add(h);
        }
        args.addAll(List.of(vars));
        Result r = jmill(args);
        assertEquals(0, r.status(), () -> "jmill run " + name + " failed:\n" + r.err() + r.out());
        assertEquals("0", handler(r, "task_errors"), () -> "task errors:\n" + r.err());
        return r;
    }

    /** The value a {@code -h PATH} printed (without its trailing newline). */
    static String handler(Result r, String path) {
        String out = r.out();
        String marker = path + ":\n";
        int at = out.indexOf(marker);
        while (at > 0 && out.charAt(at - 1) != '\n') {
            at = out.indexOf(marker, at + 1);
        }
        if (at < 0) {
            fail("no handler " + path + " in the output:\n" + out);
        }
        int from = at + marker.length();
        int end = out.indexOf("\n\n", from);
        return out.substring(from, end < 0 ? out.length() : end);
    }

    /** The global handlers that say what code a run ran: read them with {@code -h} to use {@link #assertSpecialized}. */
    static final List<String> SPECIALIZER_HANDLERS = List.of("list", "specializer_state", "specializer_plan",
            "specializer_swaps");
    private static final Pattern PLAN_SUMMARY = Pattern.compile("plan: backend (?:C2|Graal), layout (\\S+); (\\d+) elements "
            + "specialized, (\\d+) generic, (\\d+) edges devirtualized, (\\d+) task batch loops");
    private static final Pattern KEEP_GENERIC = Pattern.compile("(?m)^  keep-generic +(\\S+): .*\\n +why: (.*)$");
    private static final Pattern APPLY = Pattern.compile("apply: (\\d+) task bodies swapped \\[.*]; (\\d+) elements "
            + "specialized, (\\d+) generic");

    /** {@link #runExample} that also reads {@link #SPECIALIZER_HANDLERS}. */
    static Result runSpecialized(String name, Path in, Path out, List<String> handlers, String... vars)
            throws InterruptedException {
        List<String> all = new ArrayList<>(handlers);
        all.addAll(SPECIALIZER_HANDLERS);
        return runExample(name, in, out, all, vars);
    }

    /**
     * Asserts that a run (made with {@code -h} for each of {@link #SPECIALIZER_HANDLERS}) ended on
     * specialized code: its task slots hold generated code; the decisions in force specialize
     * exactly {@code elements} elements and keep generic exactly the elements of {@code generic},
     * each for a reason containing the map's value; every element of the router has one of the two
     * verdicts; and the swap history holds the swap that put that code in and no revert.
     */
    static void assertSpecialized(Result r, int elements, Map<String, String> generic) {
        String plan = handler(r, "specializer_plan");
        String context = "\nplan in force:\n" + plan + "\nswaps:\n" + handler(r, "specializer_swaps");
        assertEquals("specialized", handler(r, "specializer_state"), "the task slots run generated code" + context);
        Matcher m = PLAN_SUMMARY.matcher(plan);
        assertTrue(m.find(), "a plan summary" + context);
        int routerElements = Integer.parseInt(handler(r, "list").lines().findFirst().orElseThrow().strip());
        assertEquals(routerElements, Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)),
                "every element is specialized or kept generic" + context);
        assertEquals(elements, Integer.parseInt(m.group(2)), "elements specialized" + context);
        Map<String, String> why = new TreeMap<>();
        for (Matcher k = KEEP_GENERIC.matcher(plan); k.find(); ) {
            why.put(k.group(1), k.group(2));
        }
        assertEquals(new TreeMap<>(generic).keySet(), why.keySet(), "elements left generic" + context);
        generic.forEach((element, reason) -> assertTrue(why.get(element).contains(reason),
                element + " is generic because " + reason + context));
        assertTrue(Integer.parseInt(m.group(5)) > 0, "at least one task runs a generated batch loop" + context);
        List<String> swaps = handler(r, "specializer_swaps").lines().toList();
        assertTrue(swaps.stream().noneMatch(l -> l.contains(" revert")), "no swap back to generic code" + context);
        Matcher a = APPLY.matcher(swaps.isEmpty() ? "" : swaps.getLast());
        assertTrue(a.find(), "the last swap put specialized code in" + context);
        assertEquals(m.group(5), a.group(1), "task bodies swapped = batch loops of the plan" + context);
        assertEquals(elements, Integer.parseInt(a.group(2)), "elements the swapped code specializes" + context);
    }

    /** What a {@link #runSpecialized} run printed for the caller's handlers: its output without {@link #SPECIALIZER_HANDLERS}. */
    static String withoutSpecializerHandlers(Result r) {
        String out = r.out();
        String marker = SPECIALIZER_HANDLERS.getFirst() + ":\n";
        int at = out.startsWith(marker) ? 0 : out.indexOf("\n" + marker) + 1;
        assertTrue(at >= 0 && out.indexOf(marker, at) == at, "no " + marker + " in:\n" + out);
        return out.substring(0, at);
    }

    static long longHandler(Result r, String path) {
        return Long.parseLong(handler(r, path).strip());
    }

    /** Writes {@code frames} as a pcap, 1 µs apart. */
    static void writePcap(Path file, List<byte[]> frames) throws IOException {
        try (PcapWriter w = PcapWriter.create(file, false, 65535, PcapFormat.LINKTYPE_ETHERNET)) {
            long t = START_NANOS;
            for (byte[] f : frames) {
                w.write(t, f, 0, f.length, f.length);
                t += 1_000;
            }
        }
    }

    static List<byte[]> readPcap(Path file) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (PcapFrameSource src = PcapFrameSource.open(file)) {
            while (src.next()) {
                byte[] b = new byte[src.capturedLength()];
                src.copyTo(b, 0);
                frames.add(b);
            }
        }
        return frames;
    }

    static String describeAll(List<byte[]> frames) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < frames.size(); i++) {
            sb.append(String.format("%3d  %s%n", i, ExampleFrames.describe(frames.get(i))));
        }
        return sb.toString();
    }

    /**
     * Compares the frames an example transmitted, byte for byte, and its handler output with the
     * golden files {@code NAME.*}; with {@code -Djmill.golden.update=true} writes them instead.
     */
    static void assertGolden(String name, Path outPcap, String handlerText) throws IOException {
        List<byte[]> actual = readPcap(outPcap);
        Path dir = goldenDir();
        Path pcap = dir.resolve(name + ".out.pcap");
        Path text = dir.resolve(name + ".out.txt");
        Path handlers = dir.resolve(name + ".handlers.txt");
        if (UPDATE) {
            Files.createDirectories(dir);
            writePcap(pcap, actual);
            Files.writeString(text, describeAll(actual));
            Files.writeString(handlers, handlerText);
            return;
        }
        if (!Files.exists(pcap)) {
            fail("no golden file " + pcap + "; run with -Djmill.golden.update=true to create it. Output was:\n"
                    + describeAll(actual));
        }
        List<byte[]> expected = readPcap(pcap);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!Arrays.equals(expected.get(i), actual.get(i))) {
                fail(String.format("%s: frame %d differs at byte %d%n  expected %s%n  actual   %s%n%nall frames:%n%s",
                        name, i, Arrays.mismatch(expected.get(i), actual.get(i)),
                        ExampleFrames.describe(expected.get(i)), ExampleFrames.describe(actual.get(i)),
                        describeAll(actual)));
            }
        }
        assertEquals(expected.size(), actual.size(), () -> name + ": frame count; expected:\n" + describeAll(expected)
                + "actual:\n" + describeAll(actual));
        assertEquals(Files.readString(handlers), handlerText, name + ": handler values");
    }
}
