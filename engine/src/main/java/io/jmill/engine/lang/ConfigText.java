package io.jmill.engine.lang;

/**
 * The lexical rules of argument text ("configuration strings"), shared by the lexer (to find where
 * an argument list ends), the parser (to strip comments) and the flattener (to substitute
 * variables).
 *
 * <p>Inside argument text: {@code "..."} strings honour backslash escapes, {@code '...'} strings are
 * literal, a backslash outside quotes protects the next character, {@code //} and slash-star
 * block comments are comments, and only unquoted, unescaped parentheses count towards balancing
 * (brackets and braces matter only when arguments are split at commas).
 */
final class ConfigText {

    private ConfigText() {
    }

    /** Index just past the quoted string starting at {@code start} (or {@code end} if unterminated). */
    static int skipQuoted(CharSequence s, int start, int end) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < end) {
            char c = s.charAt(i);
            if (quote == '"' && c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return end;
    }

    /**
     * Finds the {@code ')'} closing an argument list whose text starts at {@code start} (just after
     * the {@code '('}); returns its index, or -1 when the text ends first.
     */
    static int findConfigEnd(String s, int start) {
        int depth = 0;
        int i = start;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"' || c == '\'') {
                i = skipQuoted(s, i, n);
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                i++;
            }
        }
        return -1;
    }

    /**
     * The argument text {@code [start, end)} of {@code source} with comments removed, as Click does:
     * a block comment becomes one space, a line comment disappears up to its newline.
     */
    static Fragment uncomment(SourceText source, int start, int end) {
        String s = source.text();
        Fragment.Builder out = new Fragment.Builder();
        int i = start;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < end) {
                out.append(c, i);
                out.append(s.charAt(i + 1), i + 1);
                i += 2;
            } else if (c == '"' || c == '\'') {
                int j = skipQuoted(s, i, end);
                for (; i < j; i++) {
                    out.append(s.charAt(i), i);
                }
            } else if ((c == '/' && i + 1 < end && s.charAt(i + 1) == '/')
                    || (c == '#' && (i == 0 || s.charAt(i - 1) == '\n') && source.isDirectiveLine(i))) {
                while (i < end && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < end && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                out.append(' ', i);
                i = close < 0 || close + 2 > end ? end : close + 2;
            } else {
                out.append(c, i);
                i++;
            }
        }
        return out.build(source, start);
    }

    /**
     * Replaces {@code $NAME}, {@code ${NAME}} and {@code ${NAME-default}} by their values from
     * {@code env}. Nothing is substituted inside {@code '...'} or after a backslash; double-quoted
     * text is substituted (Click does the same). An undefined variable without default is reported
     * at its {@code $} and replaced by nothing.
     *
     * @param element the element the text belongs to, for error messages (may be null)
     */
    static Fragment substitute(Fragment text, VarEnv env, Diagnostics diagnostics, String element) {
        String v = text.value();
        if (v.indexOf('$') < 0) {
            return text;
        }
        Fragment.Builder out = new Fragment.Builder();
        int n = v.length();
        boolean inDouble = false;
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(c, text.offsets()[i]);
                out.append(v.charAt(i + 1), text.offsets()[i + 1]);
                i += 2;
            } else if (c == '\'' && !inDouble) {
                int j = skipQuoted(v, i, n);
                for (; i < j; i++) {
                    out.append(v.charAt(i), text.offsets()[i]);
                }
            } else if (c == '$') {
                VariableRef ref = VariableRef.parse(v, i);
                if (ref == null) {
                    out.append(c, text.offsets()[i]);
                    i++;
                    continue;
                }
                String value = env.lookup(ref.name());
                if (value == null) {
                    value = ref.fallback();
                }
                if (value == null) {
                    // As Click: the reference stays in the text for the element (a Script variable, say).
                    diagnostics.warning(text.location(i), element, "undefined variable $" + ref.name()
                            + " left in the text");
                    for (int k = i; k < ref.end(); k++) {
                        out.append(v.charAt(k), text.offsets()[k]);
                    }
                    i = ref.end();
                    continue;
                }
                if (ref.index() != null) {
                    value = word(value, ref.index(), env);
                }
                out.append(value, text.offsets()[i]);
                i = ref.end();
            } else {
                if (c == '"') {
                    inDouble = !inDouble;
                }
                out.append(c, text.offsets()[i]);
                i++;
            }
        }
        return out.build(text.source(), text.anchor());
    }

    static boolean isVariableChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    /**
     * Word {@code index} (a number, or a variable holding one) of {@code value} split at white
     * space, as Click's {@code ${NAME[INDEX]}}; empty when there is no such word.
     */
    private static String word(String value, String index, VarEnv env) {
        String ix = index.strip();
        if (ix.startsWith("$")) {
            String name = ix.startsWith("${") && ix.endsWith("}") ? ix.substring(2, ix.length() - 1) : ix.substring(1);
            String v = env.lookup(name);
            ix = v == null ? "" : v.strip();
        }
        int n;
        try {
            n = Integer.parseInt(ix);
        } catch (NumberFormatException e) {
            return "";
        }
        String[] words = value.strip().split("\\s+");
        return n >= 0 && n < words.length && !value.isBlank() ? words[n] : "";
    }

    /**
     * A {@code $NAME} / {@code ${NAME}} / {@code ${NAME-default}} / {@code ${NAME[INDEX]}} reference
     * ending before {@code end}.
     */
    private record VariableRef(String name, String fallback, String index, int end) {

        /** Parses a reference at {@code s[dollar] == '$'}; null when it is just a dollar sign. */
        static VariableRef parse(String s, int dollar) {
            int i = dollar + 1;
            if (i < s.length() && s.charAt(i) == '{') {
                int close = s.indexOf('}', i + 1);
                if (close < 0) {
                    return null;
                }
                int nameEnd = i + 1;
                while (nameEnd < close && isVariableChar(s.charAt(nameEnd))) {
                    nameEnd++;
                }
                if (nameEnd == i + 1) {
                    return null;
                }
                String name = s.substring(i + 1, nameEnd);
                if (nameEnd == close) {
                    return new VariableRef(name, null, null, close + 1);
                }
                if (s.charAt(nameEnd) == '-') {
                    return new VariableRef(name, s.substring(nameEnd + 1, close), null, close + 1);
                }
                if (s.charAt(nameEnd) == '[' && s.charAt(close - 1) == ']') {
                    return new VariableRef(name, null, s.substring(nameEnd + 1, close - 1), close + 1);
                }
                return null;
            }
            int nameEnd = i;
            while (nameEnd < s.length() && isVariableChar(s.charAt(nameEnd))) {
                nameEnd++;
            }
            return nameEnd == i ? null : new VariableRef(s.substring(i, nameEnd), null, null, nameEnd);
        }
    }
}
