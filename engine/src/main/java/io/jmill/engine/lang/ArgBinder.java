package io.jmill.engine.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jmill.engine.lang.Ast.Formal;

/**
 * Binds a compound instance's actual arguments to its class's formal parameters.
 *
 * <p>An argument whose leading all-caps word names a keyword parameter ({@code KEYWORD value}) binds
 * that parameter (keyword parameters are optional and default to empty text). Other arguments fill
 * the positional parameters in order; any left over go, joined with {@code ", "}, to the
 * {@code __REST__} parameter, and are an error without one. Missing positional arguments are an
 * error.
 */
final class ArgBinder {

    private ArgBinder() {
    }

    /** Whether {@code arguments} bind to {@code compound}'s parameters without error. */
    static boolean fits(ClassTarget.Compound compound, List<String> arguments) {
        return bind(compound, arguments, null, null, null) != null;
    }

    /**
     * @param diagnostics where errors go; {@code null} to bind silently (see {@link #fits})
     * @return variable name to value, or {@code null} after reporting an error at {@code location}
     */
    static Map<String, String> bind(ClassTarget.Compound compound, List<String> arguments,
                                    Location location, String element, Diagnostics diagnostics) {
        List<Formal> positional = new ArrayList<>();
        Map<String, Formal> keywords = new HashMap<>();
        Formal rest = null;
        for (Formal formal : compound.body().formals()) {
            switch (formal.kind()) {
                case POSITIONAL -> positional.add(formal);
                case KEYWORD -> keywords.put(formal.keyword(), formal);
                case REST -> rest = formal;
            }
        }

        Map<String, String> values = new HashMap<>();
        List<String> unmatched = new ArrayList<>();
        int positionalGiven = 0;
        boolean ok = true;
        for (String argument : arguments) {
            String keyword = leadingKeyword(argument);
            Formal formal = keyword == null ? null : keywords.get(keyword);
            if (formal != null) {
                if (values.containsKey(formal.variable())) {
                    report(diagnostics, location, element, "keyword " + keyword + " given twice to " + compound.describe());
                    ok = false;
                }
                values.put(formal.variable(), argument.substring(keyword.length()).trim());
                continue;
            }
            if (positionalGiven < positional.size()) {
                values.put(positional.get(positionalGiven).variable(), argument);
            } else {
                unmatched.add(argument);
            }
            positionalGiven++;
        }

        if (positionalGiven < positional.size()) {
            report(diagnostics, location, element, "too few arguments for " + compound.describe() + ": expected "
                    + (rest != null ? "at least " : "") + positional.size() + ", got " + positionalGiven);
            return null;
        }
        if (!unmatched.isEmpty() && rest == null) {
            report(diagnostics, location, element, "too many arguments for " + compound.describe() + ": expected "
                    + positional.size() + ", got " + positionalGiven);
            return null;
        }
        if (rest != null) {
            values.put(rest.variable(), String.join(", ", unmatched));
        }
        for (Formal formal : keywords.values()) {
            values.putIfAbsent(formal.variable(), "");
        }
        return ok ? values : null;
    }

    private static void report(Diagnostics diagnostics, Location location, String element, String message) {
        if (diagnostics != null) {
            diagnostics.error(location, element, message);
        }
    }

    /** The all-caps word starting {@code argument} when followed by whitespace or the end, else null. */
    static String leadingKeyword(String argument) {
        int end = 0;
        while (end < argument.length()) {
            char c = argument.charAt(end);
            boolean keywordChar = (c >= 'A' && c <= 'Z') || c == '_' || (end > 0 && c >= '0' && c <= '9');
            if (!keywordChar) {
                break;
            }
            end++;
        }
        if (end == 0 || (end < argument.length() && !Character.isWhitespace(argument.charAt(end)))) {
            return null;
        }
        return argument.substring(0, end);
    }
}
