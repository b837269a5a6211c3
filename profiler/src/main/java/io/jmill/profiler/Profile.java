package io.jmill.profiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable profile of one router over the time a {@link Profiler} was on: packets per edge,
 * packets and sampled batch times per element, estimated metadata-field accesses per element,
 * and rule hits per classifier. Written to and read from JSON (schema in
 * {@code docs/profile-schema.md}) so that a profile can be fed back to specialize at start-up:
 *
 * <pre>{@code
 * Files.writeString(path, profile.toJson());
 * Profile again = Profile.read(path);       // equal to profile
 * again.hotEdges().getFirst();              // the busiest edge
 * }</pre>
 *
 * @param version       schema version ({@link #VERSION})
 * @param timestamp     when the snapshot was taken
 * @param durationNanos how long the profiler was on, in total
 * @param config        the router's configuration name (its file)
 * @param edges         one per connection, in the router's connection order
 * @param elements      one per element, in configuration order
 * @param fields        per (element, field) with at least one static access site
 * @param branches      one per element that reports rule hits
 * @param notes         what the profiler could not do or vouch for (empty when all is exact)
 */
public record Profile(int version, Instant timestamp, long durationNanos, String config, List<Edge> edges,
                      List<ElementStats> elements, List<FieldAccess> fields, List<Branches> branches,
                      List<String> notes) {
    /** The schema version this class writes and reads. */
    public static final int VERSION = 1;
    /** The value of the {@code schema} key that identifies a profile file. */
    public static final String SCHEMA = "jmill-profile";

    public Profile {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(config, "config");
        edges = List.copyOf(edges);
        elements = List.copyOf(elements);
        fields = List.copyOf(fields);
        branches = List.copyOf(branches);
        notes = List.copyOf(notes);
    }

    /** Push or pull: how packets cross an edge. */
    public enum Kind {
        PUSH, PULL;

        /** The JSON spelling: {@code push} or {@code pull}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Packets that crossed {@code from [fromPort] -> [toPort] to}. */
    public record Edge(String from, int fromPort, String to, int toPort, Kind kind, long packets) {
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String toString() {
            return from + " [" + fromPort + "] -> [" + toPort + "] " + to;
        }
    }

    /**
     * One element: packets in (for sources: out) and, for tasks, batches that moved packets and
     * the total time of the sampled ones (every 16th).
     */
    public record ElementStats(String name, String className, boolean task, long packetsIn, long batches,
                               long sampledBatches, long batchNanosSampled) {
        public ElementStats {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(className, "className");
        }

        /** Mean time of a sampled batch in nanoseconds, or NaN when none was sampled. */
        public double meanBatchNanos() {
            return sampledBatches == 0 ? Double.NaN : (double) batchNanosSampled / sampledBatches;
        }
    }

    /**
     * Reads and writes of one metadata field by one element. With method
     * {@value #STATIC_SITES_X_PACKETS}: {@code reads = readSites × packets into the element},
     * likewise writes: an estimate from the bytecode, not a measurement. With method
     * {@value #JVMCI_BRANCH_PROFILE} ({@code --jvmci-profile}): each site weighed by how often
     * HotSpot's branch profile says it ran, times the packets into the element (and, for a task's
     * batch loop, its batches): measured; the estimate stays in {@code estimatedReads} and
     * {@code estimatedWrites}, which equal {@code reads} and {@code writes} otherwise.
     *
     * @param field a {@code MetadataField} name, or {@code "named annotations"} /
     *              {@code "all metadata"} (see {@link FieldAccessSites})
     */
    public record FieldAccess(String element, String field, long reads, long writes, int readSites, int writeSites,
                              String method, long estimatedReads, long estimatedWrites) {
        /** How {@link #reads} and {@link #writes} were obtained: static sites × measured packets. */
        public static final String STATIC_SITES_X_PACKETS = "static-sites-x-packets";
        /** How {@link #reads} and {@link #writes} were obtained: sites weighed by HotSpot's branch profile × packets. */
        public static final String JVMCI_BRANCH_PROFILE = "jvmci-branch-profile";

        public FieldAccess {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(method, "method");
        }

        /** An estimate: {@code reads} and {@code writes} are also the estimated counts. */
        public FieldAccess(String element, String field, long reads, long writes, int readSites, int writeSites,
                           String method) {
            this(element, field, reads, writes, readSites, writeSites, method, reads, writes);
        }

        /** True if {@code reads} and {@code writes} were measured from HotSpot's profile. */
        public boolean measured() {
            return method.equals(JVMCI_BRANCH_PROFILE);
        }

        public long total() {
            return reads + writes;
        }
    }

    /** Rule hits of a classifier, index-aligned with its rule names. */
    public record Branches(String element, List<String> names, List<Long> hits) {
        public Branches {
            Objects.requireNonNull(element, "element");
            names = List.copyOf(names);
            hits = List.copyOf(hits);
            if (names.size() != hits.size()) {
                throw new IllegalArgumentException(element + ": " + names.size() + " branch names but "
                        + hits.size() + " hit counts");
            }
        }
    }

    // ------------------------------------------------------------------ queries

    /** The edge out of {@code from}'s output {@code port}, if the profile has it. */
    public Optional<Edge> edge(String from, int port) {
        for (Edge e : edges) {
            if (e.from().equals(from) && e.fromPort() == port) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Packets that left {@code from} through output {@code port}; 0 if the profile has no such edge. */
    public long edgePackets(String from, int port) {
        return edge(from, port).map(Edge::packets).orElse(0L);
    }

    /** The element named {@code name}, if the profile has it. */
    public Optional<ElementStats> element(String name) {
        for (ElementStats e : elements) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Packets into element {@code name} (out of it, for a source); 0 if the profile has no such element. */
    public long elementPackets(String name) {
        return element(name).map(ElementStats::packetsIn).orElse(0L);
    }

    /** Edges by packets, busiest first (ties in connection order). */
    public List<Edge> hotEdges() {
        List<Edge> list = new ArrayList<>(edges);
        list.sort(Comparator.comparingLong(Edge::packets).reversed());
        return List.copyOf(list);
    }

    /** Field accesses by reads + writes, most first (ties by element, then field, as recorded). */
    public List<FieldAccess> fieldAccesses() {
        List<FieldAccess> list = new ArrayList<>(fields);
        list.sort(Comparator.comparingLong(FieldAccess::total).reversed());
        return List.copyOf(list);
    }

    /**
     * The {@code limit} busiest (element, field) pairs as text, one line each: reads and writes,
     * and for measured ones ({@code --jvmci-profile}) the estimate next to them; what
     * {@code jmill explain --plan} and JMX show.
     * <pre>
     * field accesses (measured from HotSpot's branch profiles; estimate = static sites x packets):
     *   br.flow_id         reads 0 writes 300000    estimate reads 0 writes 200000
     * </pre>
     */
    public String fieldSummary(int limit) {
        boolean measured = fields.stream().anyMatch(FieldAccess::measured);
        StringBuilder sb = new StringBuilder(measured
                ? "field accesses (measured from HotSpot's branch profiles; estimate = static sites x packets):\n"
                : "field accesses (estimated: static sites x packets):\n");
        for (FieldAccess f : fieldAccesses().stream().limit(limit).toList()) {
            sb.append(String.format(Locale.ROOT, "  %-28s reads %,d writes %,d", f.element() + "." + f.field(),
                    f.reads(), f.writes()));
            if (f.measured()) {
                sb.append(String.format(Locale.ROOT, "   estimate reads %,d writes %,d", f.estimatedReads(),
                        f.estimatedWrites()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Reads + writes per field over all elements, most first: what a layout orders by. */
    public Map<String, Long> fieldTotals() {
        Map<String, Long> sum = new LinkedHashMap<>();
        for (FieldAccess f : fields) {
            sum.merge(f.field(), f.total(), Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        sum.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * Packets that entered the graph: the sum over edges leaving elements that no edge leads
     * into (the sources). The reference for {@link #edgeShare}.
     */
    public long inputPackets() {
        Set<String> fed = new LinkedHashSet<>();
        for (Edge e : edges) {
            fed.add(e.to());
        }
        long n = 0;
        long max = 0;
        for (Edge e : edges) {
            if (!fed.contains(e.from())) {
                n += e.packets();
            }
            max = Math.max(max, e.packets());
        }
        return n > 0 ? n : max; // a graph that is all cycles has no source edge: use the busiest
    }

    /** The edge's packets as a fraction of {@link #inputPackets()} (0 when nothing entered). */
    public double edgeShare(Edge e) {
        long in = inputPackets();
        return in == 0 ? 0 : (double) e.packets() / in;
    }

    /**
     * True if {@code other} differs from this profile enough to re-plan: see
     * {@link #materialDifferences}. An adaptive controller adds its own hysteresis (for instance:
     * act only if several successive profiles differ from the plan's).
     */
    public boolean differsMaterially(Profile other, double threshold) {
        return !materialDifferences(other, threshold).isEmpty();
    }

    /**
     * The reasons {@code other} differs materially from this profile, empty if it does not.
     * Edges are compared by their share of the input packets ({@link #edgeShare}), so that
     * profiles of different lengths and rates compare: an edge that only one profile has (or
     * that carries nothing in one) counts if it carries more than {@code threshold} of the input
     * in the other; an edge in both counts if its share moved by more than {@code threshold}.
     * Classifier rules are compared likewise by their share of the classifier's hits. A profile
     * with traffic and one without always differ.
     *
     * @param threshold a fraction in [0, 1], e.g. 0.1
     */
    public List<String> materialDifferences(Profile other, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be a fraction in [0, 1], not " + threshold);
        }
        List<String> reasons = new ArrayList<>();
        long inA = inputPackets();
        long inB = other.inputPackets();
        if ((inA == 0) != (inB == 0)) {
            reasons.add(inA == 0 ? "the other profile carries traffic, this one none"
                    : "the other profile carries no traffic");
            return reasons;
        }
        Map<String, Double> a = edgeShares(this, inA);
        Map<String, Double> b = edgeShares(other, inB);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            double sa = a.getOrDefault(k, 0.0);
            double sb = b.getOrDefault(k, 0.0);
            if (Math.abs(sa - sb) > threshold) {
                if (sa == 0) {
                    reasons.add("new edge " + k + " carries " + percent(sb) + " of the input");
                } else if (sb == 0) {
                    reasons.add("edge " + k + " no longer carries traffic (was " + percent(sa) + ")");
                } else {
                    reasons.add("edge " + k + ": share of the input " + percent(sa) + " -> " + percent(sb));
                }
            }
        }
        Map<String, Double> ra = ruleShares(this);
        Map<String, Double> rb = ruleShares(other);
        Set<String> rules = new LinkedHashSet<>(ra.keySet());
        rules.addAll(rb.keySet());
        for (String k : rules) {
            double sa = ra.getOrDefault(k, 0.0);
            double sb = rb.getOrDefault(k, 0.0);
            if (Math.abs(sa - sb) > threshold) {
                reasons.add(k + ": share of hits " + percent(sa) + " -> " + percent(sb));
            }
        }
        return reasons;
    }

    private static Map<String, Double> edgeShares(Profile p, long input) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Edge e : p.edges) {
            m.put(e.toString(), input == 0 ? 0 : (double) e.packets() / input);
        }
        return m;
    }

    private static Map<String, Double> ruleShares(Profile p) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Branches b : p.branches) {
            long sum = b.hits().stream().mapToLong(Long::longValue).sum();
            for (int i = 0; i < b.names().size(); i++) {
                m.put(b.element() + " rule " + i + " '" + b.names().get(i) + "'",
                        sum == 0 ? 0 : (double) b.hits().get(i) / sum);
            }
        }
        return m;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    // ------------------------------------------------------------------ JSON

    /** The profile as JSON (schema version {@link #VERSION}), one entry per line. */
    public String toJson() {
        return ProfileJson.write(this);
    }

    /** Reads a profile from JSON; errors are reported as {@code <string>:line:column: ...}. */
    public static Profile fromJson(String json) throws ProfileFormatException {
        return fromJson("<string>", json);
    }

    /** Reads a profile from JSON; errors are reported as {@code source:line:column: ...}. */
    public static Profile fromJson(String source, String json) throws ProfileFormatException {
        return ProfileJson.read(source, json);
    }

    /** Reads a profile file (UTF-8). */
    public static Profile read(Path file) throws IOException, ProfileFormatException {
        return fromJson(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Writes this profile to {@code file} (UTF-8). */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }
}
