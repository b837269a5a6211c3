package io.jmill.engine.lang;

/**
 * A lexical token of the Click language.
 *
 * @param text  the token's text; for {@link Kind#CONFIG} the raw text between the parentheses
 * @param start source offset of the token (for CONFIG: of the first character after {@code '('})
 * @param end   source offset just past the token (for CONFIG: of the closing {@code ')'})
 * @param location where the token starts (for CONFIG: the {@code '('})
 */
record Token(Kind kind, String text, int start, int end, Location location) {

    enum Kind {
        WORD, VARIABLE, CONFIG,
        ARROW, PARALLEL_ARROW, DASH, DOUBLE_COLON, SEMICOLON, COMMA,
        LBRACKET, RBRACKET, LBRACE, RBRACE, BAR, RPAREN,
        ELEMENTCLASS, REQUIRE, DEFINE,
        EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    int line() {
        return location.line();
    }

    /** How the token is shown in "expected X, got Y" messages. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case CONFIG -> "'('";
            default -> "'" + text + "'";
        };
    }
}
