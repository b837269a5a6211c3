package io.jmill.specializer.control;

import java.util.Locale;

/** When a router specializes itself: never, from the first packet, or after profiling (default). */
public enum SpecializeMode {
    /** Stay generic. */
    OFF,
    /** Specialize before the first packet (from a saved profile if given, else every element). */
    NOW,
    /** Run generic, profile a warm-up window, specialize, keep watching the profile. */
    AUTO;

    /** Parses {@code off}, {@code now} or {@code auto}; the error lists the choices. */
    public static SpecializeMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected off, auto or now, not '" + text + "'");
        }
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
