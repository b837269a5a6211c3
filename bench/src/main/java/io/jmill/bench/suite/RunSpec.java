package io.jmill.bench.suite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measurement run of one cell, as handed to the JVM that runs it.
 *
 * @param nf             the NF's name
 * @param origin         where its configuration is ({@code file:PATH} or {@code resource:NAME})
 * @param variables      configuration variables: the NF's, SIZE, and the mode's
 * @param mode           the mode's name (looked up in {@link Modes} by the runner)
 * @param threads        worker threads
 * @param batch          the router's batch size
 * @param warmupNanos    run time before the measurement window
 * @param durationNanos  length of the measurement window
 * @param latencySample  stamp one packet in this many for latency
 */
record RunSpec(String nf, String origin, Map<String, String> variables, String mode, int threads, int batch,
               long warmupNanos, long durationNanos, int latencySample) {

    RunSpec {
        variables = Map.copyOf(variables);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nf", nf);
        m.put("origin", origin);
        m.put("variables", new LinkedHashMap<>(variables));
        m.put("mode", mode);
        m.put("threads", threads);
        m.put("batch", batch);
        m.put("warmup_nanos", warmupNanos);
        m.put("duration_nanos", durationNanos);
        m.put("latency_sample", latencySample);
        return m;
    }

    @SuppressWarnings("unchecked")
    static RunSpec fromJson(Map<String, Object> m) {
        Map<String, String> vars = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("variables")).forEach((k, v) -> vars.put(k, String.valueOf(v)));
        return new RunSpec((String) m.get("nf"), (String) m.get("origin"), vars, (String) m.get("mode"),
                ((Number) m.get("threads")).intValue(), ((Number) m.get("batch")).intValue(),
                ((Number) m.get("warmup_nanos")).longValue(), ((Number) m.get("duration_nanos")).longValue(),
                ((Number) m.get("latency_sample")).intValue());
    }
}
