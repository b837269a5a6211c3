package io.jmill.specializer.control;

import java.util.Locale;

/** Which packet-metadata layout the adaptive controller runs with. */
public enum LayoutMode {
    /**
     * The generic layout throughout: the default of {@code AdaptiveController.Options}
     * ({@code jmill run} takes {@link #HOT} when it has a profile to plan from).
     */
    GENERIC,
    /**
     * After the first specialization, a hot-first layout planned from the profile, swapped in
     * live, with the code re-specialized under it.
     */
    HOT,
    /**
     * After the first specialization, an A/B test of the generic layout against a hot-first
     * layout planned from the profile, on the live traffic, keeping the winner.
     */
    AB;

    /** {@code generic}, {@code hot} or {@code ab}. */
    public static LayoutMode parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "generic" -> GENERIC;
            case "hot", "hot-first" -> HOT;
            case "ab", "a/b" -> AB;
            default -> throw new IllegalArgumentException("unknown layout '" + s + "' (generic, hot or ab)");
        };
    }
}
