package io.jmill.elements.classifier;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Filters IP packets by contents.
 *
 * <pre>IPFilter(ACTION_1 PATTERN_1, ..., ACTION_N PATTERN_N)</pre>
 *
 * <p>Each argument is a rule: an ACTION and a PATTERN in IPClassifier's tcpdump-like language.
 * Packets are tested against the rules in order and handled by the ACTION of the first rule that
 * matches; a packet that matches no rule is dropped.
 *
 * <p>An ACTION is an output number, sent out on that output; {@code allow}, the same as
 * {@code 0}; or {@code drop} (also {@code deny}), drop the packet. A rule that is an action alone
 * ({@code allow}) matches every packet, as do the patterns {@code -}, {@code any} and
 * {@code all} ({@code deny all}). Input packets should have their network header annotation set
 * (CheckIPHeader and MarkIPHeader do this); see IPClassifier for the pattern syntax and for
 * packets without the annotation.
 *
 * <p>Every IPFilter has an equivalent IPClassifier and vice versa.
 *
 * <p>Ports: one input, push; any number of outputs, push (as many as connected).
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code program} (read): the compiled decision tree in Click's format (see IPClassifier);
 *     {@code [k]} is output k, {@code [X]} a drop. The program still tells rules apart where
 *     Click's merges those with the same action: {@code hits} counts per rule.</li>
 * <li>{@code hits} (read): packets matched per rule, one line {@code RULE COUNT} each (rules
 *     counted from 0), then {@code nomatch COUNT}.</li>
 * <li>{@code drops} (read): packets dropped, by a drop rule or because no rule matched.</li>
 * <li>{@code reset_counts} (write): zero {@code hits} and {@code drops}.</li>
 * </ul>
 *
 * <p>Errors name the rule, counting from 0, e.g.
 * {@code pattern 1: unknown action 'accept' (expected allow, deny, drop or an output number)}.
 * Click's {@code deny} once meant output 1 on elements with two outputs; it means drop here, as in
 * current Click, without Click's warning.
 *
 * <p>Example, a small firewall:
 * <pre>
 * IPFilter(allow src net 10.0.0.0/8 &amp;&amp; dst port 80,
 *          deny tcp &amp;&amp; syn &amp;&amp; dst port 23,
 *          allow udp,
 *          deny all);
 * </pre>
 */
@ElementInfo(ports = "1/-", processing = "h/h")
public final class IPFilter extends ClassifierElement {
    public IPFilter(ElementConfig c) {
        super(c, compile(c));
    }

    private static Compiled compile(ElementConfig c) {
        Args args = c.args();
        List<Arg> rulesText = args.remainingPositional();
        List<Expr> rules = new ArrayList<>();
        int[] outputs = new int[rulesText.size()];
        boolean ok = true;
        for (int i = 0; i < rulesText.size(); i++) {
            try {
                List<String> words = IPExpression.tokenize(rulesText.get(i).string(""));
                if (words.isEmpty()) {
                    throw new PatternException("empty rule");
                }
                outputs[i] = action(words.getFirst(), c.noutputs());
                rules.add(words.size() == 1 ? Expr.TRUE : IPExpression.parse(words, 1));
            } catch (PatternException e) {
                args.error("pattern " + i + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok ? new Compiled(ProgramCompiler.compile(rules, true), outputs) : Compiled.failed();
    }

    /** The output of an action word, or -1 for drop. */
    private static int action(String word, int noutputs) throws PatternException {
        switch (word) {
            case "allow" -> {
                if (noutputs == 0) {
                    throw new PatternException("'allow' is meaningless, element has zero outputs");
                }
                return 0;
            }
            case "deny", "drop" -> {
                return -1;
            }
            default -> {
                Long n = IPExpression.parseInt(word);
                if (n == null) {
                    throw new PatternException("unknown action '" + word
                            + "' (expected allow, deny, drop or an output number)");
                }
                if (n < 0 || n >= noutputs) {
                    throw new PatternException("output " + n + " out of range (element has " + noutputs + " output"
                            + (noutputs == 1 ? "" : "s") + ")");
                }
                return n.intValue();
            }
        }
    }
}
