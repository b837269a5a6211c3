package io.jmill.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed arguments of one command: options with values, flags, repeated options,
 * {@code VAR=value} definitions (Click's command-line variable overrides) and positional words.
 */
final class CommandLine {
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param valued options that take a value ({@code --threads 2} or {@code --threads=2})
     * @param flags  options without a value
     */
    static CommandLine parse(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
        CommandLine cl = new CommandLine();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && a.length() > 1 && !a.equals("--")) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (flags.contains(name)) {
                    if (value != null) {
                        throw new UsageException("option " + name + " takes no value");
                    }
                    cl.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException("option " + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    cl.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException("unknown option " + a);
                }
            } else if (a.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                int eq = a.indexOf('=');
                cl.variables.put(a.substring(0, eq), a.substring(eq + 1));
            } else {
                cl.positional.add(a);
            }
        }
        return cl;
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    /** Last value of {@code option}, or {@code dflt}. */
    String value(String option, String dflt) {
        List<String> v = options.get(option);
        return v == null ? dflt : v.getLast();
    }

    List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }

    int intValue(String option, int dflt, int min, int max) throws UsageException {
        String v = value(option, null);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " expects a number, not '" + v + "'");
        }
    }

    Map<String, String> variables() {
        return variables;
    }

    List<String> positional() {
        return positional;
    }
}
