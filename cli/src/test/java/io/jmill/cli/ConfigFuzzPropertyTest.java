package io.jmill.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Configuration fuzzing: mutated example configurations (every {@code .click} file of
 * {@code examples/}, and the graphs of the library-wide tests) and configurations generated from
 * the language's tokens go through {@code jmill check} (parse, configure, check, initialize).
 * Each must end, within {@value #SECONDS_PER_CASE} s, either accepted or with configuration
 * errors that each name a line and column inside the text: never another exception, never a
 * hang. Tries: {@code jqwik.tries.default} in {@code junit-platform.properties}; more with
 * {@code -Djqwik.tries.default=N}.
 */
class ConfigFuzzPropertyTest {
    static final int SECONDS_PER_CASE = 10;
    private static final Pattern LOCATED = Pattern.compile("^[^:\\n]*:(\\d+):(\\d+): .+");
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config-fuzz");
        t.setDaemon(true);
        return t;
    });
    private static final LongAdder CASES = new LongAdder();
    private static final LongAdder ACCEPTED = new LongAdder();

    @Property
    void mutatedExamplesGetLocatedErrorsOnly(@ForAll("mutatedExamples") String config) throws Exception {
        check(config);
    }

    @Property
    void generatedConfigurationsGetLocatedErrorsOnly(@ForAll("generated") String config) throws Exception {
        check(config);
    }

    private static void check(String config) throws Exception {
        CASES.increment();
        Future<ExampleSupport.Result> f = RUNNER.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(List.of("check", "-e", config), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new ExampleSupport.Result(status, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        });
        ExampleSupport.Result r;
        try {
            r = f.get(SECONDS_PER_CASE, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail("jmill check did not end within " + SECONDS_PER_CASE + " s:\n" + config);
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("jmill check threw " + e.getCause() + " on:\n" + config, e.getCause());
        }
        if (r.status() == Main.OK) {
            ACCEPTED.increment();
            return;
        }
        assertEquals(Main.CONFIG_ERROR, r.status(), () -> "exit status; stderr:\n" + r.err() + "\nconfig:\n" + config);
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.size() >= 2, () -> "errors and a summary:\n" + r.err());
        long textLines = config.lines().count() + 1;
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher m = LOCATED.matcher(line);
            assertTrue(m.matches(), () -> "not a located error: " + line + "\nconfig:\n" + config);
            int at = Integer.parseInt(m.group(1));
            int column = Integer.parseInt(m.group(2));
            assertTrue(at >= 1 && column >= 1, () -> "position: " + line);
            if (line.startsWith("expr:") || line.startsWith("<")) {
                assertTrue(at <= textLines, () -> "line " + at + " of a " + textLines + "-line text: " + line);
            }
        }
    }

    // ------------------------------------------------------------------ inputs

    /** Every example configuration, and the graphs the library-wide tests drive. */
    static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ExampleSupport.root().resolve("examples"))) {
            Path examples = ExampleSupport.root().resolve("examples");
            String library = Files.readString(examples.resolve("lib/iprouter.click"));
            for (Path p : s.filter(x -> x.toString().endsWith(".click")).sorted().toList()) {
                // the text is checked as -e: the library it requires goes in, in place
                seeds.add(Files.readString(p).replace("require(library lib/iprouter.click);", library));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        seeds.add("src :: InfiniteSource(LIMIT 10) -> cl :: Classifier(12/0800, -); cl[1] -> Discard;"
                + " cl[0] -> Strip(14) -> CheckIPHeader -> IPFilter(allow tcp && dst port 22, deny all) -> Discard;");
        seeds.add("elementclass Stage { $n | input -> c :: Counter -> Paint($n) -> output }"
                + " define($L 5) InfiniteSource(LIMIT $L) -> a :: Stage(1) -> b :: Stage(2) -> q :: Queue(8)"
                + " -> Unqueue -> IPClassifier(tcp dst port 80, -) => (Discard; Discard)");
        seeds.add("rt :: RadixIPLookup(10.0.0.0/8 0, 0.0.0.0/0 10.0.0.1 1); InfiniteSource -> GetIPAddress(16)"
                + " -> rt; rt[0] -> Discard; rt[1] -> IPRewriter(pattern 1.0.0.1 1024-65535# - - 0 0) -> Discard;");
        return seeds;
    }

    private static final List<String> TOKENS = List.of("::", "->", "=>", "[", "]", "[0]", "[1]", "[99999999999]",
            "(", ")", "{", "}", ";", ",", "|", "$X", "${X-1}", "$", "define(", "require(", "elementclass", "input",
            "output", "\"", "'", "/*", "*/", "//", "\\<", "\\<0a ff>", ">", "...", "0", "-1", "4294967296",
            "99999999999999999999", "0x", "1e309", "10.0.0.0/33", "300.1.1.1", "ff:ff", "\n", " ", "\t", "\u00e9",
            "\u0000", "Counter", "Queue", "Queue(0)", "Queue(-5)", "Tee(0)", "Strip(-1)", "Classifier(", "x", "x@1",
            "LIMIT", "ACTIVE", "BURST 0", "read", "write", "Script(", "DriverManager(", "FromDump(", "elements");

    @Provide
    Arbitrary<String> mutatedExamples() {
        Arbitrary<Mutation> mutation = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 40))
                        .as(Mutation::delete),
                Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.of(TOKENS)).as(Mutation::insert),
                Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 60),
                        Arbitraries.doubles().between(0, 1)).as(Mutation::copy),
                Arbitraries.doubles().between(0, 1).map(Mutation::cut));
        return Combinators.combine(Arbitraries.of(seeds()), mutation.list().ofMinSize(1).ofMaxSize(6))
                .as((seed, ms) -> {
                    String s = seed;
                    for (Mutation m : ms) {
                        s = m.apply(s);
                    }
                    return s;
                });
    }

    @Provide
    Arbitrary<String> generated() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(ts -> String.join(" ", ts));
    }

    /** One change to a configuration text, at a relative position (0..1) so that it fits any text. */
    interface Mutation {
        String apply(String text);

        private static int at(String text, double where) {
            return (int) Math.min(text.length(), Math.floor(where * text.length()));
        }

        static Mutation delete(double where, int length) {
            return t -> {
                int a = at(t, where);
                return t.substring(0, a) + t.substring(Math.min(t.length(), a + length));
            };
        }

        static Mutation insert(double where, String token) {
            return t -> {
                int a = at(t, where);
                return t.substring(0, a) + token + t.substring(a);
            };
        }

        static Mutation copy(double from, int length, double to) {
            return t -> {
                int a = at(t, from);
                String piece = t.substring(a, Math.min(t.length(), a + length));
                int b = at(t, to);
                return t.substring(0, b) + piece + t.substring(b);
            };
        }

        static Mutation cut(double where) {
            return t -> t.substring(0, at(t, where));
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("configuration fuzzing: " + CASES.sum() + " cases, " + ACCEPTED.sum() + " accepted, the"
                + " others rejected with located errors");
    }
}
