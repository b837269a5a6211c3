package io.jmill.elements.nat;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementHost;

import java.util.List;

/**
 * The input specifications of a rewriter, one per input port, as Click writes them:
 * {@code drop}, {@code pass OUTPUT}, {@code keep FOUTPUT ROUTPUT},
 * {@code pattern SADDR [SPORT] DADDR [DPORT] FOUTPUT ROUTPUT} or {@code pattern NAME FOUTPUT ROUTPUT}.
 * An element's name instead stands for an {@link IPMapper} that picks the pattern of each new flow.
 * Parsed once at configuration; named patterns and mappers are resolved by {@link #resolvePatterns}.
 */
final class RewriteInputs {
    /** Per input: {@link IPRewriter#DROP}, {@link IPRewriter#PASS}, {@link IPRewriter#KEEP}, {@link IPRewriter#PATTERN} or {@link IPRewriter#MAPPER}. */
    final int[] kind;
    final int[] foutput;
    final int[] routput;
    /** Per input: its pattern (named patterns are filled in by {@link #resolvePatterns}). */
    final RewritePattern[] pattern;
    /** Per input of kind {@link IPRewriter#MAPPER}: the mapper (resolved by {@link #resolvePatterns}). */
    final IPMapper[] mapper;
    private final String[] patternName;
    private final String[] mapperName;
    private final int noutputs;

    /** Parses the remaining positional arguments of {@code args}, reporting errors to it. */
    RewriteInputs(Args args, int ninputs, int noutputs) {
        this(args, ninputs, noutputs, false);
    }

    /**
     * Parses the remaining positional arguments of {@code args}; with {@code patternsOnly} each is a
     * pattern without the word {@code pattern} ({@code SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT}, as
     * IPMapper elements take them) and {@code ninputs} &lt; 0 means as many as given.
     */
    RewriteInputs(Args args, int ninputs, int noutputs, boolean patternsOnly) {
        this.noutputs = noutputs;
        List<Arg> specs = args.remainingPositional();
        if (ninputs < 0) {
            ninputs = specs.size();
        }
        kind = new int[ninputs];
        foutput = new int[ninputs];
        routput = new int[ninputs];
        pattern = new RewritePattern[ninputs];
        mapper = new IPMapper[ninputs];
        patternName = new String[ninputs];
        mapperName = new String[ninputs];
        if (specs.size() != ninputs) {
            args.error("need " + ninputs + " argument" + (ninputs == 1 ? "" : "s") + ", one per input port");
        }
        for (int i = 0; i < Math.min(ninputs, specs.size()); i++) {
            List<String> words = specs.get(i).words();
            String error = patternsOnly ? parsePattern(i, words) : parseSpec(i, words);
            if (error != null) {
                args.error((patternsOnly ? "pattern " : "input spec ") + i + ": " + error);
            }
        }
    }

    /**
     * The element called {@code name} as seen from {@code self}: as in Click, a name is looked up
     * in the compound element {@code self} is part of first, then at the top level.
     */
    static Element element(ElementHost host, Element self, String name) {
        int slash = self.name().lastIndexOf('/');
        Element e = slash < 0 ? null : host.element(self.name().substring(0, slash + 1) + name);
        return e != null ? e : host.element(name);
    }

    /** Looks up the named patterns in the router's IPRewriterPatterns elements, and the named IPMappers. */
    void resolvePatterns(ElementHost host, Element self) {
        for (int i = 0; i < patternName.length; i++) {
            if (patternName[i] != null) {
                RewritePattern p = IPRewriterPatterns.find(host, patternName[i]);
                if (p == null) {
                    throw new IllegalArgumentException("input spec " + i + ": no such pattern '" + patternName[i] + "'");
                }
                pattern[i] = p;
            }
            if (mapperName[i] != null) {
                Element e = element(host, self, mapperName[i]);
                if (!(e instanceof IPMapper m)) {
                    throw new IllegalArgumentException("input spec " + i + ": "
                            + (e == null ? "unknown specification" : "element is not an IPMapper"));
                }
                for (int k = 0; k < m.inputs.kind.length; k++) {
                    if (m.inputs.foutput[k] >= noutputs || m.inputs.routput[k] >= noutputs) {
                        throw new IllegalArgumentException("input spec " + i + ": " + mapperName[i] + " pattern " + k
                                + ": output port out of range");
                    }
                }
                mapper[i] = m;
            }
        }
    }

    /**
     * Replaces input {@code i}'s specification by {@code text} (a write to the {@code patternN}
     * handler); returns Click's error message, the specification then unchanged, or null (a
     * rewriter without {@code addressRanges} refuses a pattern with an address range). The
     * arrays are changed in place: generated code does not fold their contents.
     */
    String respecify(int i, String text, ElementHost host, Element self, boolean addressRanges) {
        int oldKind = kind[i];
        int oldF = foutput[i];
        int oldR = routput[i];
        RewritePattern oldPattern = pattern[i];
        IPMapper oldMapper = mapper[i];
        String oldPatternName = patternName[i];
        String oldMapperName = mapperName[i];
        patternName[i] = null;
        mapperName[i] = null;
        pattern[i] = null;
        mapper[i] = null;
        String error = parseSpec(i, text.isBlank() ? List.of() : List.of(text.strip().split("\\s+")));
        if (error == null) {
            try {
                resolvePatterns(host, self);
            } catch (IllegalArgumentException e) {
                error = e.getMessage().replaceFirst("^input spec \\d+: ", "");
            }
        }
        if (error == null && !addressRanges && pattern[i] != null && !pattern[i].napt && pattern[i].variation > 0) {
            error = "address ranges are not supported here (IPAddrRewriter has them)";
        }
        if (error != null) {
            kind[i] = oldKind;
            foutput[i] = oldF;
            routput[i] = oldR;
            pattern[i] = oldPattern;
            mapper[i] = oldMapper;
            patternName[i] = oldPatternName;
            mapperName[i] = oldMapperName;
        }
        return error;
    }

    /** Rewriters that take no IPMapper elements as input specs call this at initialization. */
    void refuseMappers(String className) {
        for (int i = 0; i < kind.length; i++) {
            if (kind[i] == IPRewriter.MAPPER) {
                throw new IllegalArgumentException("input spec " + i + ": " + className
                        + " does not take IPMapper elements (IPRewriter, UDPRewriter and TCPRewriter do)");
            }
        }
    }

    /** Click's line for input {@code i} in the {@code patterns} handler; {@code count} live flows it created. */
    String describe(int i, int count) {
        String text = switch (kind[i]) {
            case IPRewriter.DROP -> "<drop>";
            case IPRewriter.PASS -> "<nochange>";
            case IPRewriter.KEEP -> "<keep>";
            case IPRewriter.MAPPER -> "<mapper>";
            default -> pattern[i] != null ? pattern[i].toString() : patternName[i];
        };
        return count != 0 ? text + " [" + count + "]" : text;
    }

    /** Fills input {@code i}'s specification; returns Click's error message, or null. */
    private String parseSpec(int i, List<String> words) {
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
                return parsePattern(i, rest);
            }
            default -> {
                if (!rest.isEmpty() || !word.matches("[A-Za-z_@][A-Za-z0-9_@/.]*")) {
                    return "unknown specification";
                }
                mapperName[i] = word; // an IPMapper element, checked at initialization
                kind[i] = IPRewriter.MAPPER;
                return null;
            }
        }
    }

    /** {@code SADDR [SPORT] DADDR [DPORT] FOUTPUT ROUTPUT} or {@code NAME FOUTPUT ROUTPUT}. */
    private String parsePattern(int i, List<String> rest) {
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
