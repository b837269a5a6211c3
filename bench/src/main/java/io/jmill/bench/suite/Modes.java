package io.jmill.bench.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modes {@code jmill bench} knows, in their default order. Adding a mode is one line in
 * {@link #ALL}; the first mode of a run is the baseline that the others' ratios refer to.
 */
public final class Modes {
    private static final List<Mode> ALL = List.of(
            new Mode("generic", "the router as built: generic code, the configuration's own settings",
                    List.of(), Map.of(), Mode.NOTHING),
            new Mode("specialized", "specialized code swapped in halfway through the warm-up", List.of(), Map.of(),
                    r -> {
                        var s = new io.jmill.specializer.Specializer(r);
                        s.apply(s.plan(null));
                    }),
            new Mode("generic-batch", "generic code, sources handing packets on in batches (-Djmill.batch=true)",
                    List.of("-D" + io.jmill.engine.element.Element.BATCH_PROPERTY + "=true"), Map.of(), Mode.NOTHING),
            new Mode("specialized-batch", "specialized code, sources handing packets on in batches (-Djmill.batch=true)",
                    List.of("-D" + io.jmill.engine.element.Element.BATCH_PROPERTY + "=true"), Map.of(),
                    r -> {
                        var s = new io.jmill.specializer.Specializer(r);
                        s.apply(s.plan(null));
                    }),
            new Mode("specialized-graal", "specialized code compiled by Graal at the swap, the chain inlined into the batch"
                    + " loops (--backend graal: JVMCI on, Graal on the upgrade module path; C2 if it cannot)",
                    io.jmill.jvmci.GraalCompiler.jvmFlags(GraalJars.find()), Map.of(),
                    r -> {
                        var s = new io.jmill.specializer.Specializer(r);
                        s.backend(io.jmill.specializer.backend.Backends.GRAAL);
                        var applied = s.apply(s.plan(null));
                        // the run's log says whether Graal compiled the code or why C2 does
                        System.err.println("specialized-graal: " + (s.installed() != null ? s.installed().summary()
                                : "backend " + applied.backend() + ": " + applied.decisions().stream()
                                        .filter(d -> d.kind().equals(io.jmill.specializer.Decision.BACKEND))
                                        .map(io.jmill.specializer.Decision::reason).findFirst().orElse("")));
                    }),
            Mode.variable("copying", "simulated NIC, COPYING metadata model (configurations using $MODEL)",
                    "MODEL", "copying"),
            Mode.variable("overlaying", "simulated NIC, OVERLAYING metadata model (configurations using $MODEL)",
                    "MODEL", "overlaying"),
            Mode.variable("xchange", "simulated NIC, X-Change metadata model (configurations using $MODEL)",
                    "MODEL", "xchange"));

    private static final Map<String, Mode> BY_NAME = new LinkedHashMap<>();

    static {
        for (Mode m : ALL) {
            if (BY_NAME.put(m.name(), m) != null) {
                throw new IllegalStateException("two modes named " + m.name());
            }
        }
    }

    private Modes() {
    }

    /** Every mode, in default order. */
    public static List<Mode> all() {
        return ALL;
    }

    /** The mode of that name, or null. */
    public static Mode find(String name) {
        return BY_NAME.get(name);
    }
}
