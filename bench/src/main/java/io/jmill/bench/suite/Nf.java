package io.jmill.bench.suite;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.lang.FlatConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A network function the suite benchmarks: a name, and where its configuration comes from.
 * {@code examples/FILE} is used when it exists ({@code FILE} is {@code NAME.click} unless given);
 * otherwise the bench module's own configuration {@code resource} (under
 * {@code bench/src/main/resources/}), if any. Register NFs in {@link Nfs}.
 *
 * <p>An NF with a {@code trace} reads its packets from a capture ({@code $PCAP}, Click's
 * {@code FromDump -> ReplayUnqueue} idiom): the suite writes one per frame size before the runs
 * with the simulated NIC's generator, {@code trace} being the traffic keywords of
 * {@code FromNIC} ({@link Traces}).
 *
 * @param name        what {@code --nf} and the results call it
 * @param description one line for {@code jmill bench --help}
 * @param resource    class-path resource of the bench-local configuration, or null if the NF
 *                    exists only as an example
 * @param variables   configuration variables the suite sets (besides SIZE and the mode's)
 * @param file        the configuration's path under the examples folder, or null for {@code NAME.click}
 * @param trace       FromNIC traffic keywords of the NF's capture, or null if it needs none
 */
public record Nf(String name, String description, String resource, Map<String, String> variables, String file,
                 String trace) {

    public Nf {
        variables = Map.copyOf(variables);
    }

    public Nf(String name, String description, String resource, Map<String, String> variables) {
        this(name, description, resource, variables, null, null);
    }

    /** An NF's configuration as found: {@code origin} is {@code file:PATH} or {@code resource:NAME}. */
    public record Config(Nf nf, String origin, String text) {
        /** The file or resource name, for messages and results. */
        public String where() {
            return origin.substring(origin.indexOf(':') + 1);
        }
    }

    /** Finds the configuration: {@code examples/NAME.click} first, then the bench resource; null if neither exists. */
    public Config locate(Path examples) {
        Path file = examples.resolve(exampleFile());
        if (Files.isRegularFile(file)) {
            String origin = "file:" + file.toAbsolutePath().normalize();
            return new Config(this, origin, read(origin));
        }
        if (resource != null) {
            String origin = "resource:" + resource;
            return new Config(this, origin, read(origin));
        }
        return null;
    }

    /** The configuration's path under the examples folder. */
    public String exampleFile() {
        return file != null ? file : name + ".click";
    }

    /** The text at {@code origin} ({@code file:PATH} or {@code resource:NAME}). */
    static String read(String origin) {
        try {
            if (origin.startsWith("file:")) {
                return Files.readString(Path.of(origin.substring(5)));
            }
            String resource = origin.substring("resource:".length());
            try (InputStream in = Nf.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no resource " + resource + " on the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + origin, e);
        }
    }

    /** Parses the configuration at {@code origin}; a file is parsed as a file, so that its libraries resolve. */
    static FlatConfig parse(String origin, Map<String, String> variables) throws ConfigException {
        if (origin.startsWith("file:")) {
            Path file = Path.of(origin.substring(5));
            try {
                return ClickParser.parseFile(file, variables);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return ClickParser.parse(origin.substring("resource:".length()), read(origin), variables);
    }
}
