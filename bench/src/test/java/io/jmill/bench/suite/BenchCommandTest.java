package io.jmill.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int bench(String... args) {
        return BenchCommand.run(List.of(args), out, err);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void quickRunOfTheForwarderWritesParseableResults(@TempDir Path dir) throws Exception {
        int status = bench("--quick", "--nf", "forwarder", "--modes", "generic", "--warmup", "400ms", "--duration", "600ms",
                "--out", dir.toString());
        assertEquals(BenchCommand.OK, status, err());
        assertTrue(err().contains("1/1 cells"), err());

        List<String> csv = Files.readAllLines(dir.resolve("results.csv")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertEquals(String.join(",", CellResult.COLUMNS), csv.get(0));
        assertEquals(2, csv.size(), "one cell: " + csv);
        String[] row = csv.get(1).split(",");
        assertEquals("forwarder", row[0]);
        assertEquals("generic", row[1]);
        assertTrue(Double.parseDouble(row[CellResult.COLUMNS.indexOf("mpps_median")]) > 0, csv.get(1));

        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("results.json")));
        assertNotNull(((Map<String, Object>) json.get("machine")).get("cpu"));
        List<Object> cells = (List<Object>) json.get("cells");
        assertEquals(1, cells.size());
        Map<String, Object> cell = (Map<String, Object>) cells.getFirst();
        double mpps = ((Number) cell.get("mpps_median")).doubleValue();
        double nsPerPacket = ((Number) cell.get("ns_per_packet")).doubleValue();
        assertTrue(mpps > 0);
        assertEquals(1.0, mpps * nsPerPacket / 1e3, 0.01, "ns/packet consistent with Mpps");
        assertTrue(((Number) cell.get("alloc_bytes_per_packet")).doubleValue() < BenchCommand.SANE_ALLOC_BYTES_PER_PACKET);
        assertTrue(((Number) cell.get("p99_us")).doubleValue() >= ((Number) cell.get("p50_us")).doubleValue());
        assertEquals(1.0, ((Number) cell.get("ratio_to_baseline")).doubleValue(), 1e-9);
        assertTrue(List.of("perf", "estimated").contains(cell.get("cycles_source")));

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| forwarder | generic | 64B |"), md);
        assertTrue(md.contains("Machine: "), md);
        assertNotNull(ImageIO.read(dir.resolve("throughput-64B-1t.png").toFile()), "throughput chart is a PNG");
        assertNotNull(ImageIO.read(dir.resolve("latency-forwarder-64B-1t.png").toFile()), "latency chart is a PNG");
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("| forwarder | generic |"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void modesAlternateRunByRunAndPairWithTheBaseline(@TempDir Path dir) throws Exception {
        // A configuration that uses $MODEL, so that the NIC-model modes apply to it.
        Path config = dir.resolve("ab.click");
        Files.writeString(config, """
                define($SIZE 64, $MODEL copying);
                InfiniteSource(LENGTH $SIZE) -> Print($MODEL, ACTIVE false) -> Discard;
                """);
        int status = bench("--nf", config.toString(), "--modes", "generic,xchange", "--sizes", "64", "--runs", "2", "--warmup", "200ms",
                "--duration", "300ms", "--no-fork", "--out", dir.resolve("out").toString());
        assertEquals(BenchCommand.OK, status, err());
        List<String> order = err().lines().filter(l -> l.startsWith("bench [")).filter(l -> l.contains("(run "))
                .map(l -> l.substring(l.indexOf(" ab ") + 4)).toList();
        assertEquals(List.of("generic 64B 1t (run 1/2)", "xchange 64B 1t (run 1/2)", "generic 64B 1t (run 2/2)",
                "xchange 64B 1t (run 2/2)"), order);

        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("out/results.json")));
        List<Map<String, Object>> cells = (List<Map<String, Object>>) (List<?>) json.get("cells");
        assertEquals(List.of("generic", "xchange"), cells.stream().map(c -> c.get("mode")).toList());
        Map<String, Object> xchange = cells.get(1);
        assertEquals("generic", xchange.get("baseline"));
        List<Map<String, Object>> perRun = (List<Map<String, Object>>) (List<?>) xchange.get("per_run");
        assertEquals(2, perRun.size());
        assertTrue(((Number) xchange.get("ratio_to_baseline")).doubleValue() > 0);
    }

    @Test
    void allocationThatWasNotCountedIsAProblemNotZero() {
        org.HdrHistogram.Histogram latency = RunResult.emptyHistogram();
        latency.recordValue(1000);
        RunResult counted = new RunResult(1_000_000, 1_000_000, 64_000_000, 100_000_000, 0, 90_000_000, -1, 0, 0,
                latency, null);
        RunResult uncounted = new RunResult(1_000_000, 1_000_000, 64_000_000, 100_000_000, -1, 90_000_000, -1, 0, 0,
                latency, null);
        Mode generic = Modes.find("generic");
        CellResult good = new CellResult("nf", "nf.click", generic, "64", 1, "generic", List.of(counted), Machine.describe());
        CellResult bad = new CellResult("nf", "nf.click", generic, "64", 1, "generic", List.of(counted, uncounted),
                Machine.describe());
        assertEquals(0.0, good.allocPerPacket);
        assertEquals(List.of(), BenchCommand.sanityProblems(List.of(good), true));
        assertTrue(Double.isNaN(bad.allocPerPacket));
        List<String> problems = BenchCommand.sanityProblems(List.of(bad), true);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().endsWith(": allocation per packet not measured (this JVM does not count"
                + " allocation per thread)"), problems.toString());
    }

    @Test
    void configurationErrorsStopEverythingBeforeARun(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.click");
        Files.writeString(config, "define($SIZE 64);\nInfiniteSource(LENGTH $SIZE) -> Countr -> Discard;\n");
        assertEquals(BenchCommand.FAILED, bench("--nf", config.toString(), "--sizes", "64,256", "--out",
                dir.resolve("out").toString()));
        assertTrue(err().contains("bad generic 64B, bad generic 256B:"), err());
        assertTrue(err().contains("unknown element class 'Countr' (did you mean Counter?)"), err());
        assertTrue(err().contains("nothing was measured"), err());
        assertTrue(Files.notExists(dir.resolve("out/results.csv")));
    }

    @Test
    void usageErrorsSayWhatToFix() {
        assertEquals(BenchCommand.USAGE_ERROR, bench("--sizes", "64,huge"));
        assertTrue(err().contains("--sizes: 'huge' is not an integer"), err());
        assertEquals(BenchCommand.USAGE_ERROR, bench("--modes", "generic,fast"));
        assertTrue(err().contains("unknown mode 'fast'"), err());
        assertEquals(BenchCommand.USAGE_ERROR, bench("--nf", "no-such-nf"));
        assertTrue(err().contains("unknown NF 'no-such-nf'"), err());
        assertEquals(BenchCommand.USAGE_ERROR, bench("--runs"));
        assertTrue(err().contains("--runs needs a value"), err());
        assertEquals(BenchCommand.USAGE_ERROR, bench("--duration", "soon"));
        assertTrue(err().contains("--duration"), err());
        assertEquals(BenchCommand.USAGE_ERROR, bench("--frobnicate"));
        assertTrue(err().contains("unknown option '--frobnicate'"), err());
    }

    @Test
    void helpListsTheNfsAndModes() {
        assertEquals(BenchCommand.OK, bench("--help"));
        String text = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("usage: jmill bench"));
        for (Nf nf : Nfs.all()) {
            assertTrue(text.contains(nf.name()), nf.name());
        }
        for (Mode m : Modes.all()) {
            assertTrue(text.contains(m.name()), m.name());
        }
    }
}
