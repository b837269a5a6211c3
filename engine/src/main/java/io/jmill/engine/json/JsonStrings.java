package io.jmill.engine.json;

/**
 * JSON string literals (RFC 8259): what the profile, plan and benchmark writers share. Quotes and
 * backslashes are escaped, as are control characters ({@code \n}, {@code \r}, {@code \t},
 * {@code \b}, {@code \f} by name, the others as {@code \}{@code u00XX}); everything else is
 * written as is.
 */
public final class JsonStrings {
    private JsonStrings() {
    }

    /** Appends {@code s} to {@code sb} as a JSON string literal; returns {@code sb}. */
    public static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        return quote(new StringBuilder(s.length() + 2), s).toString();
    }
}
