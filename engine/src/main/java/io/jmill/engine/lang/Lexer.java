package io.jmill.engine.lang;

import java.util.ArrayList;
import java.util.List;

import io.jmill.engine.lang.Token.Kind;

/**
 * Turns configuration text into {@link Token}s. Lexical errors (stray characters, unterminated
 * comments or argument lists) are reported to the {@link Diagnostics} and skipped, so that the parser
 * still sees the rest of the file.
 *
 * <p>As in Click, a {@code '('} always starts an argument list: the lexer takes everything up to the
 * balancing {@code ')'} as one {@link Kind#CONFIG} token, because argument text does not follow the
 * language's token rules.
 */
final class Lexer {

    private final SourceText source;
    private final String s;
    private final Diagnostics diagnostics;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(SourceText source, Diagnostics diagnostics) {
        this.source = source;
        this.s = source.text();
        this.diagnostics = diagnostics;
    }

    /** All tokens of {@code source}, ending with one {@link Kind#EOF}. */
    static List<Token> tokenize(SourceText source, Diagnostics diagnostics) {
        Lexer lexer = new Lexer(source, diagnostics);
        lexer.run();
        return lexer.tokens;
    }

    /** Identifier characters: {@code [A-Za-z0-9_@/]}. */
    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '@' || c == '/';
    }

    private void run() {
        while (true) {
            skipBlanksAndComments();
            if (pos >= s.length()) {
                tokens.add(new Token(Kind.EOF, "", pos, pos, source.location(pos)));
                return;
            }
            char c = s.charAt(pos);
            if (isWordChar(c) && c != '/') {
                word();
                continue;
            }
            switch (c) {
                case '$' -> variable();
                case '(' -> config();
                case '-' -> {
                    if (insidePorts() && !(pos + 1 < s.length() && s.charAt(pos + 1) == '>')) {
                        single(Kind.DASH); // a port range, [0-2] or [3-]
                    } else {
                        pair('>', Kind.ARROW, "->");
                    }
                }
                case '=' -> pair('>', Kind.PARALLEL_ARROW, "=>");
                case ':' -> pair(':', Kind.DOUBLE_COLON, "::");
                case ';' -> single(Kind.SEMICOLON);
                case ',' -> single(Kind.COMMA);
                case '[' -> single(Kind.LBRACKET);
                case ']' -> single(Kind.RBRACKET);
                case '{' -> single(Kind.LBRACE);
                case '}' -> single(Kind.RBRACE);
                case '|' -> single(Kind.BAR);
                case ')' -> single(Kind.RPAREN);
                default -> {
                    diagnostics.error(source.location(pos), null, "unexpected character '" + c + "'");
                    pos++;
                }
            }
        }
    }

    /** Whether the last bracket token is an unclosed {@code '['}. */
    private boolean insidePorts() {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Kind kind = tokens.get(i).kind();
            if (kind == Kind.LBRACKET) {
                return true;
            }
            if (kind != Kind.WORD && kind != Kind.COMMA && kind != Kind.DASH) {
                return false;
            }
        }
        return false;
    }

    private void skipBlanksAndComments() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                skipToEndOfLine();
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                int close = s.indexOf("*/", pos + 2);
                if (close < 0) {
                    diagnostics.error(source.location(pos), null, "unterminated comment: missing '*/'");
                    pos = s.length();
                } else {
                    pos = close + 2;
                }
            } else if (c == '#' && atLineStart()) {
                // Click's preprocessor-like directives (#include, #define ...) are ignored
                skipToEndOfLine();
            } else {
                return;
            }
        }
    }

    private void skipToEndOfLine() {
        while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
        }
    }

    /** True when only spaces or tabs precede {@code pos} on its line. */
    private boolean atLineStart() {
        int i = pos - 1;
        while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || s.charAt(i) == '\n' || s.charAt(i) == '\r';
    }

    private void word() {
        int start = pos;
        while (pos < s.length() && isWordChar(s.charAt(pos))) {
            // a comment ends an identifier: "a/b//c" is the word "a/b" and a comment
            if (s.charAt(pos) == '/' && pos + 1 < s.length()
                    && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '*')) {
                break;
            }
            pos++;
        }
        String text = s.substring(start, pos);
        Kind kind = switch (text) {
            case "elementclass" -> Kind.ELEMENTCLASS;
            case "require" -> Kind.REQUIRE;
            case "define" -> Kind.DEFINE;
            default -> Kind.WORD;
        };
        tokens.add(new Token(kind, text, start, pos, source.location(start)));
    }

    private void variable() {
        int start = pos++;
        while (pos < s.length() && ConfigText.isVariableChar(s.charAt(pos))) {
            pos++;
        }
        if (pos == start + 1) {
            diagnostics.error(source.location(start), null, "expected a variable name after '$'");
            return;
        }
        tokens.add(new Token(Kind.VARIABLE, s.substring(start, pos), start, pos, source.location(start)));
    }

    private void config() {
        int open = pos;
        int close = ConfigText.findConfigEnd(s, open + 1);
        if (close < 0) {
            diagnostics.error(source.location(open), null, "unterminated argument list: missing ')'");
            close = s.length();
            pos = close;
        } else {
            pos = close + 1;
        }
        tokens.add(new Token(Kind.CONFIG, s.substring(open + 1, close), open + 1, close, source.location(open)));
    }

    private void pair(char second, Kind kind, String text) {
        if (pos + 1 < s.length() && s.charAt(pos + 1) == second) {
            tokens.add(new Token(kind, text, pos, pos + 2, source.location(pos)));
            pos += 2;
        } else {
            diagnostics.error(source.location(pos), null,
                    "unexpected character '" + s.charAt(pos) + "' (did you mean '" + text + "'?)");
            pos++;
        }
    }

    private void single(Kind kind) {
        tokens.add(new Token(kind, String.valueOf(s.charAt(pos)), pos, pos + 1, source.location(pos)));
        pos++;
    }
}
