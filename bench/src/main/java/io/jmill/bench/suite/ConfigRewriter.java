package io.jmill.bench.suite;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.FlatConfig;
import io.jmill.engine.lang.FlatConnection;
import io.jmill.engine.lang.FlatElement;
import io.jmill.engine.lang.Location;
import io.jmill.engine.runtime.TrafficSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The suite's changes to a parsed configuration, made on the flattened graph so that they work
 * for any network function: IMIX traffic from {@code InfiniteSource}, and the measuring elements.
 */
final class ConfigRewriter {
    /**
     * Simple IMIX as frame lengths and their weights (7:4:1, mean 354 bytes). An
     * {@code InfiniteSource(LENGTH imix)} becomes one source per length, each with a BURST
     * proportional to its weight.
     */
    static final int[] IMIX_LENGTHS = {64, 576, 1500};
    static final int[] IMIX_BURSTS = {28, 16, 4};

    private ConfigRewriter() {
    }

    /** The registry for the suite's routers: every indexed element class plus the measuring elements. */
    static ElementRegistry registry() {
        return ElementRegistry.load().register(LatencyStamp.class).register(LatencyProbe.class)
                .register(CountProbe.class);
    }

    /**
     * Replaces every {@code InfiniteSource} whose LENGTH is {@code imix} by three sources (lengths
     * {@link #IMIX_LENGTHS}, bursts {@link #IMIX_BURSTS}) connected where it was. Exact on one
     * worker thread, where the sources take turns; with several workers they may land on
     * different ones, and the mix follows their speeds.
     *
     * @throws IllegalArgumentException if such a source also sets BURST
     */
    static FlatConfig expandImix(FlatConfig config) {
        List<FlatElement> elements = new ArrayList<>();
        Map<String, List<String>> replaced = new LinkedHashMap<>();
        for (FlatElement e : config.elements()) {
            List<String> args = e.className().equals("InfiniteSource") ? Args.split(e.config()) : List.of();
            int lengthArg = -1;
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).strip().toUpperCase(Locale.ROOT).matches("LENGTH\\s+IMIX")) {
                    lengthArg = i;
                }
            }
            if (lengthArg < 0) {
                elements.add(e);
                continue;
            }
            if (args.stream().anyMatch(a -> a.strip().toUpperCase(Locale.ROOT).startsWith("BURST "))) {
                throw new IllegalArgumentException(e.location() + ": " + e.name()
                        + ": LENGTH imix sets BURST itself; remove BURST");
            }
            List<String> names = new ArrayList<>();
            for (int k = 0; k < IMIX_LENGTHS.length; k++) {
                List<String> mine = new ArrayList<>(args);
                mine.set(lengthArg, "LENGTH " + IMIX_LENGTHS[k] + ", BURST " + IMIX_BURSTS[k]);
                String name = e.name() + "/imix" + IMIX_LENGTHS[k];
                elements.add(new FlatElement(name, e.className(), String.join(", ", mine), e.location()));
                names.add(name);
            }
            replaced.put(e.name(), names);
        }
        if (replaced.isEmpty()) {
            return config;
        }
        List<FlatConnection> connections = new ArrayList<>();
        for (FlatConnection c : config.connections()) {
            List<String> froms = replaced.get(c.from());
            if (froms == null) {
                connections.add(c);
                continue;
            }
            for (String from : froms) {
                connections.add(new FlatConnection(from, c.fromPort(), c.to(), c.toPort(), c.location()));
            }
        }
        return new FlatConfig(elements, connections, config.requirements());
    }

    /** A configuration with measuring elements, and what the suite reads from them. */
    record Instrumented(FlatConfig config, List<String> probes, List<String> sinks) {
    }

    /**
     * Puts a {@link LatencyStamp} behind every output of every source (element classes that are
     * {@link TrafficSource}s) and a {@link LatencyProbe} in front of every input of the sinks that
     * count as output: the sinks other than {@code Discard} (a {@code ToNIC}, a {@code ToDump}, ...),
     * or all the {@code Discard}s when there is no other sink. Classes the registry does not know
     * are left alone (the router build reports them). With {@code sample} 0 latency is not
     * measured: no stamps, and {@link CountProbe}s that only count.
     */
    static Instrumented instrument(FlatConfig config, ElementRegistry registry, int sample) {
        Map<String, FlatElement> byName = new LinkedHashMap<>();
        config.elements().forEach(e -> byName.put(e.name(), e));
        Set<String> sources = new HashSet<>();
        List<String> sinks = new ArrayList<>();
        List<String> discards = new ArrayList<>();
        for (FlatElement e : config.elements()) {
            ElementClass ec = registry.find(e.className());
            if (ec == null) {
                continue;
            }
            if (TrafficSource.class.isAssignableFrom(ec.type())) {
                sources.add(e.name());
            }
            if (ec.ports().maxOutputs() == 0 && ec.ports().maxInputs() > 0) {
                (ec.name().equals("Discard") ? discards : sinks).add(e.name());
            }
        }
        Set<String> measured = new HashSet<>(sinks.isEmpty() ? discards : sinks);

        List<FlatElement> elements = new ArrayList<>(config.elements());
        List<FlatConnection> connections = new ArrayList<>();
        Map<String, String> probeOf = new LinkedHashMap<>(); // "sink\0port" -> probe name
        Set<String> taken = new HashSet<>(byName.keySet());
        int n = 0;
        for (FlatConnection c : config.connections()) {
            String from = c.from();
            int fromPort = c.fromPort();
            Location at = c.location();
            if (sample > 0 && sources.contains(from)) {
                String stamp = fresh("bench_stamp@" + n++, taken);
                elements.add(new FlatElement(stamp, "LatencyStamp", Integer.toString(sample), at));
                connections.add(new FlatConnection(from, fromPort, stamp, 0, at));
                from = stamp;
                fromPort = 0;
            }
            if (measured.contains(c.to())) {
                String key = c.to() + "\0" + c.toPort();
                String probe = probeOf.get(key);
                if (probe == null) {
                    probe = fresh("bench_probe@" + n++, taken);
                    probeOf.put(key, probe);
                    elements.add(new FlatElement(probe, sample > 0 ? "LatencyProbe" : "CountProbe", "", at));
                    connections.add(new FlatConnection(probe, 0, c.to(), c.toPort(), at));
                }
                connections.add(new FlatConnection(from, fromPort, probe, 0, at));
            } else {
                connections.add(new FlatConnection(from, fromPort, c.to(), c.toPort(), at));
            }
        }
        return new Instrumented(new FlatConfig(elements, connections, config.requirements()),
                List.copyOf(probeOf.values()), List.copyOf(measured));
    }

    private static String fresh(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; !taken.add(n); i++) {
            n = name + "_" + i;
        }
        return n;
    }
}
