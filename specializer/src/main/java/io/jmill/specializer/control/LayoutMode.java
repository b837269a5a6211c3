package io.jmill.specializer.control;

import java.util.Locale;

/** Which packet-metadata layout the adaptive controller runs with. */
public enum LayoutMode {
    /** The generic layout throughout (the default). */
    GENERIC,
    /**
     * After the first specialization, a hot-first layout planned from the profile, swapped in
     * live, with the code re-specialized under it.
     */
    HOT;

    /** {@code generic} or {@code hot}. */
    public static LayoutMode parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "generic" -> GENERIC;
            case "hot", "hot-first" -> HOT;
            default -> throw new IllegalArgumentException("unknown layout '" + s + "' (generic or hot)");
        };
    }
}
