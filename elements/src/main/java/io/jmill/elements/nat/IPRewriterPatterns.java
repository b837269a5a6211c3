package io.jmill.elements.nat;

import io.jmill.engine.args.Arg;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementHost;
import io.jmill.engine.element.ElementInfo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Specifies shared IPRewriter patterns.
 *
 * <pre>IPRewriterPatterns(NAME PATTERN, ...)</pre>
 *
 * <p>Stores named patterns that {@code IPRewriter} input specifications can use as
 * {@code pattern NAME FOUTPUT ROUTPUT}. Each argument is a name and a pattern,
 * {@code NAME SADDR SPORT DADDR DPORT} (or {@code NAME SADDR DADDR} for IPAddrRewriter), written
 * as in IPRewriter's {@code pattern} specification.
 * Specifications that name the same pattern share it, including the position of its sequential
 * ({@code #}) port allocator. The NAMEs of every IPRewriterPatterns element in a configuration
 * must be distinct.
 *
 * <p>Ports: none.
 *
 * <p>Example:
 * <pre>
 * IPRewriterPatterns(to_world 1.0.0.1 1024-65535# - -);
 * rw :: IPRewriter(pattern to_world 0 1, drop);
 * </pre>
 */
@ElementInfo(ports = "0/0")
public final class IPRewriterPatterns extends Element {
    private final Map<String, RewritePattern> patterns;

    public IPRewriterPatterns(ElementConfig c) {
        super(c);
        Map<String, RewritePattern> found = new LinkedHashMap<>();
        List<Arg> args = c.args().remainingPositional();
        for (int i = 0; i < args.size(); i++) {
            List<String> words = args.get(i).words();
            if (words.isEmpty()) {
                continue;
            }
            String name = words.getFirst();
            if (words.size() < 3 || words.size() > 5) {
                c.args().error("argument " + (i + 1) + ": expected 'NAME SADDR SPORT DADDR DPORT' or 'NAME SADDR DADDR'");
                continue;
            }
            if (found.containsKey(name)) {
                c.args().error("pattern '" + name + "' defined twice");
                continue;
            }
            try {
                found.put(name, RewritePattern.parse(words.subList(1, words.size())));
            } catch (RewritePattern.BadPattern e) {
                c.args().error("pattern '" + name + "': " + e.getMessage());
            }
        }
        patterns = Collections.unmodifiableMap(found);
    }

    @Override
    public void initialize() {
        for (Element e : host().elements()) {
            if (e != this && e instanceof IPRewriterPatterns other) {
                for (String name : patterns.keySet()) {
                    if (other.patterns.containsKey(name)) {
                        throw new IllegalArgumentException("pattern '" + name + "' is also defined by '"
                                + other.name() + "'");
                    }
                }
            }
        }
    }

    /** The pattern called {@code name} in any IPRewriterPatterns element of the router, or null. */
    static RewritePattern find(ElementHost host, String name) {
        for (Element e : host.elements()) {
            if (e instanceof IPRewriterPatterns p && p.patterns.containsKey(name)) {
                return p.patterns.get(name);
            }
        }
        return null;
    }
}
