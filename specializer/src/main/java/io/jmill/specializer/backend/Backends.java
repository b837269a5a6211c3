package io.jmill.specializer.backend;

import java.util.Locale;

/** The names of the backends, as plans, {@code --backend} and JMX spell them. */
public final class Backends {
    /** HotSpot's C2, when the generated code gets hot (the default). */
    public static final String C2 = "C2";
    /** Graal through JVMCI, at swap time ({@link GraalBackend}). */
    public static final String GRAAL = "Graal";

    private Backends() {
    }

    /**
     * The backend named {@code name} ({@code c2} or {@code graal}, any case).
     *
     * @throws IllegalArgumentException for another name
     */
    public static String parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "c2" -> C2;
            case "graal" -> GRAAL;
            default -> throw new IllegalArgumentException("unknown backend '" + name + "' (c2 or graal)");
        };
    }
}
