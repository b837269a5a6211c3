package io.jmill.elements.classifier;

import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.List;

/**
 * What Classifier, IPClassifier and IPFilter share: a compiled {@link Program} whose result, a
 * rule number, picks an output port (or a drop), and per-rule hit counters.
 *
 * <p>Handlers common to the three:
 * <ul>
 * <li>{@code program} (read): the decision tree, one node a line, in Click's format (the offsets
 *     and masks of Click's word-aligned tests; see {@link Program#unparse}); the steps end at the
 *     output port (or {@code [X]}, drop) of the rule that matched.</li>
 * <li>{@code hits} (read): one line per rule, {@code RULE COUNT}, then {@code nomatch COUNT}
 *     for packets no rule matched (dropped).</li>
 * <li>{@code drops} (read): packets dropped: unmatched, or matched by a drop rule.</li>
 * <li>{@code reset_counts} (write): zero the counters.</li>
 * </ul>
 */
public abstract class ClassifierElement extends ClassifyingElement implements io.jmill.engine.runtime.BranchProfile {
    /** What a subclass compiled from its configuration. */
    record Compiled(Program program, int[] ruleOutputs) {
        /** For a configuration with errors: drop everything (the router will not run anyway). */
        static Compiled failed() {
            return new Compiled(ProgramCompiler.compile(List.of(), false), new int[0]);
        }
    }

    private final Program program;
    /** The program compiled to code ({@link ProgramCodegen}), or the program itself (interpreted). */
    private final Matcher matcher;
    /** Output port of each rule, -1 for drop; index {@code nrules} is "no match" (drop). */
    private final int[] ruleOutputs;
    private final State state;

    /** Counters, shared with specialized copies of the element. */
    private static final class State {
        final long[] hits;

        State(int n) {
            hits = new long[n];
        }
    }

    ClassifierElement(ElementConfig c, Compiled compiled) {
        super(c);
        this.program = compiled.program();
        this.matcher = ProgramCodegen.compile(program);
        int n = program.nrules();
        int[] outs = new int[n + 1];
        System.arraycopy(compiled.ruleOutputs(), 0, outs, 0, n);
        outs[n] = -1;
        this.ruleOutputs = outs;
        this.state = new State(n + 1);
    }

    /** The rules as written, then {@code nomatch}. */
    @Override
    public String[] branchNames() {
        List<String> patterns = io.jmill.engine.args.Args.split(configText());
        String[] names = new String[state.hits.length];
        for (int i = 0; i < names.length - 1; i++) {
            names[i] = i < patterns.size() ? patterns.get(i) : "rule " + i;
        }
        names[names.length - 1] = "nomatch";
        return names;
    }

    @Override
    public long[] branchHits() {
        return state.hits.clone();
    }

    @Override
    protected final int classify(int port, Packet p) {
        int rule = matcher.match(p);
        state.hits[rule]++;
        int out = ruleOutputs[rule];
        if (out < 0) {
            p.kill();
        }
        return out;
    }

    /** How a rule's final step is printed in {@code program}. */
    String ruleLabel(int rule) {
        int out = ruleOutputs[rule];
        return out < 0 ? "[X]" : "[" + out + "]";
    }

    final Program program() {
        return program;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("program", () -> program.unparse(this::ruleLabel));
        h.read("hits", () -> {
            StringBuilder sb = new StringBuilder();
            long[] hits = s.hits;
            for (int i = 0; i < hits.length - 1; i++) {
                sb.append(i).append(' ').append(hits[i]).append('\n');
            }
            return sb.append("nomatch ").append(hits[hits.length - 1]).append('\n').toString();
        });
        h.readLong("drops", () -> {
            long d = 0;
            for (int i = 0; i < s.hits.length; i++) {
                if (ruleOutputs[i] < 0) {
                    d += s.hits[i];
                }
            }
            return d;
        });
        h.write("reset_counts", v -> java.util.Arrays.fill(s.hits, 0));
    }
}
