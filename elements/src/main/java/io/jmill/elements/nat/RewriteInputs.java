package io.jmill.elements.nat;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementHost;

import java.util.List;

/**
 * The input specifications of a rewriter, one per input port, as Click writes them:
 * {@code drop}, {@code pass OUTPUT}, {@code keep FOUTPUT ROUTPUT},
 * {@code pattern SADDR [SPORT] DADDR [DPORT] FOUTPUT ROUTPUT} or {@code pattern NAME FOUTPUT ROUTPUT}.
 * Parsed once at configuration; named patterns are resolved by {@link #resolvePatterns}.
 */
final class RewriteInputs {
    /** Per input: {@link IPRewriter#DROP}, {@link IPRewriter#PASS}, {@link IPRewriter#KEEP} or {@link IPRewriter#PATTERN}. */
    final int[] kind;
    final int[] foutput;
    final int[] routput;
    /** Per input: its pattern (named patterns are filled in by {@link #resolvePatterns}). */
    final RewritePattern[] pattern;
    private final String[] patternName;
    private final int noutputs;

    /** Parses the remaining positional arguments of {@code args}, reporting errors to it. */
    RewriteInputs(Args args, int ninputs, int noutputs) {
        this.noutputs = noutputs;
        kind = new int[ninputs];
        foutput = new int[ninputs];
        routput = new int[ninputs];
        pattern = new RewritePattern[ninputs];
        patternName = new String[ninputs];
        List<Arg> specs = args.remainingPositional();
        if (specs.size() != ninputs) {
            args.error("need " + ninputs + " argument" + (ninputs == 1 ? "" : "s") + ", one per input port");
        }
        for (int i = 0; i < Math.min(ninputs, specs.size()); i++) {
            String error = parseSpec(i, specs.get(i));
            if (error != null) {
                args.error("input spec " + i + ": " + error);
            }
        }
    }

    /** Looks up the named patterns in the router's IPRewriterPatterns elements. */
    void resolvePatterns(ElementHost host) {
        for (int i = 0; i < patternName.length; i++) {
            if (patternName[i] != null) {
                RewritePattern p = IPRewriterPatterns.find(host, patternName[i]);
                if (p == null) {
                    throw new IllegalArgumentException("input spec " + i + ": no such pattern '" + patternName[i] + "'");
                }
                pattern[i] = p;
            }
        }
    }

    /** Click's line for input {@code i} in the {@code patterns} handler; {@code count} live flows it created. */
    String describe(int i, int count) {
        String text = switch (kind[i]) {
            case IPRewriter.DROP -> "<drop>";
            case IPRewriter.PASS -> "<nochange>";
            case IPRewriter.KEEP -> "<keep>";
            default -> pattern[i] != null ? pattern[i].toString() : patternName[i];
        };
        return count != 0 ? text + " [" + count + "]" : text;
    }

    /** Fills input {@code i}'s specification; returns Click's error message, or null. */
    private String parseSpec(int i, Arg spec) {
        List<String> words = spec.words();
        if (words.isEmpty()) {
            return "empty argument";
        }
        String word = words.getFirst();
        List<String> rest = words.subList(1, words.size());
        switch (word) {
            case "pass", "passthrough", "nochange" -> {
                int out = 0;
                if (rest.size() > 1 || (rest.size() == 1 && (out = integer(rest.getFirst())) == Integer.MIN_VALUE)) {
                    return "syntax error, expected 'nochange [OUTPUT]'";
                }
                if (out < 0 || out >= noutputs) {
                    return "output port out of range";
                }
                kind[i] = IPRewriter.PASS;
                foutput[i] = out;
                return null;
            }
            case "drop", "discard" -> {
                if (!rest.isEmpty()) {
                    return "syntax error, expected '" + word + "'";
                }
                kind[i] = IPRewriter.DROP;
                return null;
            }
            case "keep" -> {
                String error = parsePorts(i, rest);
                if (error != null) {
                    return error;
                }
                kind[i] = IPRewriter.KEEP;
                return null;
            }
            case "pattern", "xpattern" -> {
                if (rest.size() <= 2) {
                    return "syntax error";
                }
                List<String> patternWords = rest.subList(0, rest.size() - 2);
                if (patternWords.size() == 1) {
                    patternName[i] = patternWords.getFirst();
                } else {
                    try {
                        pattern[i] = RewritePattern.parse(patternWords);
                    } catch (RewritePattern.BadPattern e) {
                        return e.getMessage();
                    }
                }
                String error = parsePorts(i, rest.subList(rest.size() - 2, rest.size()));
                if (error != null) {
                    return error;
                }
                kind[i] = IPRewriter.PATTERN;
                return null;
            }
            default -> {
                return "unknown specification";
            }
        }
    }

    private String parsePorts(int i, List<String> words) {
        if (words.size() != 2 || integer(words.get(0)) == Integer.MIN_VALUE) {
            return "bad forward port";
        }
        if (integer(words.get(1)) == Integer.MIN_VALUE) {
            return "bad reply port";
        }
        foutput[i] = integer(words.get(0));
        routput[i] = integer(words.get(1));
        if (foutput[i] < 0 || foutput[i] >= noutputs || routput[i] < 0 || routput[i] >= noutputs) {
            return "output port out of range";
        }
        return null;
    }

    /** A decimal integer, or Integer.MIN_VALUE if the text is not one. */
    private static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }
}
