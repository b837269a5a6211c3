package io.jmill.elements.classifier;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies packets by contents.
 *
 * <pre>Classifier(PATTERN_1, ..., PATTERN_N)</pre>
 *
 * <p>Has N outputs, one per pattern. A packet goes to the output of the first pattern it
 * matches; a packet that matches none is dropped.
 *
 * <p>A pattern is a list of clauses separated by spaces, all of which must match. A clause is
 * {@code OFFSET/VALUE} or {@code OFFSET/VALUE%MASK}: OFFSET is a decimal byte offset from the
 * start of the packet data, VALUE and MASK are hex with an even number of digits (the number of
 * digits gives the length), and {@code ?} in VALUE or MASK is a nibble that is not compared. Only
 * bits set in MASK are compared. A clause preceded by {@code !} must not match. The pattern
 * {@code -} matches every packet. A clause also fails when the packet is too short to hold the
 * bytes it compares (so a negated clause matches such a packet); bytes whose mask is zero need
 * not be present.
 *
 * <p>The patterns are compiled into a decision tree when the element is configured; tests that
 * earlier tests on a path already decide are skipped (see the {@code program} handler).
 *
 * <p>Ports: one input, push; N outputs, push. The configuration must have exactly one pattern per
 * connected output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code program} (read): the decision tree in Click's format, one step a line: the test as
 *     the 4-byte word that holds its bytes ({@code OFFSET/VALUE%MASK}, e.g. {@code 12/08000000%ffff0000};
 *     a range {@code LO-HI} for relations, which Click does not have; bytes across a word boundary
 *     at their own offset), where a match goes, where a mismatch goes, and where a packet too
 *     short for the test goes when that differs ({@code short->yes}). {@code [k]} is output k,
 *     {@code [X]} a drop; steps are numbered in Click's order. Ends with the safe length (longest
 *     packet prefix any test reads) and the alignment offset (0).</li>
 * <li>{@code hits} (read): packets matched per pattern, one line {@code PATTERN COUNT} each, then
 *     {@code nomatch COUNT}.</li>
 * <li>{@code drops} (read): packets dropped because no pattern matched.</li>
 * <li>{@code reset_counts} (write): zero {@code hits} and {@code drops}.</li>
 * </ul>
 * Click has no counters; {@code hits} feeds JMill's profiler (rule hit counts).
 *
 * <p>Errors name the pattern, counting from 0 like the outputs, e.g.
 * {@code pattern 2: value has odd number of hex digits in '12/080'}.
 *
 * <p>Example, for Ethernet frames: ARP requests to output 0, ARP replies to 1, IP to 2, the rest to 3:
 * <pre>
 * Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
 * </pre>
 */
@ElementInfo(ports = "1/-", processing = "h/h")
public final class Classifier extends ClassifierElement {
    public Classifier(ElementConfig c) {
        super(c, compile(c));
    }

    private static Compiled compile(ElementConfig c) {
        Args args = c.args();
        List<Arg> patterns = args.remainingPositional();
        if (patterns.size() != c.noutputs()) {
            args.error("need " + c.noutputs() + " arguments, one per output port (got " + patterns.size() + ")");
            return Compiled.failed();
        }
        List<Expr> rules = new ArrayList<>();
        int[] outputs = new int[patterns.size()];
        boolean ok = true;
        for (int i = 0; i < patterns.size(); i++) {
            outputs[i] = i;
            try {
                String raw = patterns.get(i).raw();
                rules.add(BytePattern.parse(raw == null ? "" : raw));
            } catch (PatternException e) {
                args.error("pattern " + i + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok ? new Compiled(ProgramCompiler.compile(rules, true), outputs) : Compiled.failed();
    }
}
