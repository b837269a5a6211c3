package io.jmill.bench.suite;

import io.jmill.engine.router.Router;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One way of running a network function that the suite compares with others: the same
 * configuration, changed by configuration variables, JVM flags, and/or an action on the built
 * router. Register modes in {@link Modes}.
 *
 * <pre>{@code
 * new Mode("generic", "the router as built", List.of(), Map.of(), Mode.NOTHING)
 * Mode.variable("xchange", "simulated NIC, X-Change metadata model", "MODEL", "xchange")
 * new Mode("specialized", "specializer applied halfway through the warm-up", List.of(), Map.of(),
 *         r -> { var s = new Specializer(r); s.apply(s.plan(null)); })
 * }</pre>
 *
 * @param name        what {@code --modes} and the results call it
 * @param description one line for {@code jmill bench --help}
 * @param jvmArgs     extra flags for the JVM that runs the network function (e.g. JVMCI switches)
 * @param variables   configuration variables to set; a mode with variables applies only to
 *                    configurations that use them all ({@code $NAME} or {@code ${NAME...}})
 * @param afterWarmup runs on the started router halfway through the warm-up, so that what it
 *                    swaps in is warmed up for the second half
 */
public record Mode(String name, String description, List<String> jvmArgs, Map<String, String> variables,
                   RouterAction afterWarmup) {

    /** Something a mode does to a running router. */
    @FunctionalInterface
    public interface RouterAction {
        void apply(Router router) throws Exception;
    }

    /** The action of modes that leave the router alone. */
    public static final RouterAction NOTHING = router -> {
    };

    public Mode {
        if (!name.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("mode name '" + name + "': use lower-case letters, digits, '-', '_', '.'");
        }
        jvmArgs = List.copyOf(jvmArgs);
        variables = Map.copyOf(variables);
    }

    /** A mode that only sets configuration variable {@code variable} to {@code value}. */
    public static Mode variable(String name, String description, String variable, String value) {
        return new Mode(name, description, List.of(), Map.of(variable, value), NOTHING);
    }

    /** Whether the configuration text uses every variable this mode sets (else the mode would change nothing). */
    public boolean appliesTo(String configText) {
        for (String v : variables.keySet()) {
            Pattern use = Pattern.compile("\\$(" + Pattern.quote(v) + "\\b|\\{" + Pattern.quote(v) + "\\b)");
            if (!use.matcher(configText).find()) {
                return false;
            }
        }
        return true;
    }
}
