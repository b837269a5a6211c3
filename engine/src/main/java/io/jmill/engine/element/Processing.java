package io.jmill.engine.element;

/** How a port moves packets: the upstream pushes, the downstream pulls, or either (agnostic). */
public enum Processing {
    PUSH, PULL, AGNOSTIC;

    static Processing of(char c, String spec) {
        return switch (c) {
            case 'h' -> PUSH;
            case 'l' -> PULL;
            case 'a' -> AGNOSTIC;
            default -> throw new IllegalArgumentException("bad processing code '" + spec + "'");
        };
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
