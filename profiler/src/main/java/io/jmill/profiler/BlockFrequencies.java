package io.jmill.profiler;

import io.jmill.jvmci.MethodProfile;

import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How often each instruction of a method runs per call of the method, from HotSpot's branch
 * profile: the entry runs once, a conditional branch passes its taken probability to its target
 * and the rest to the next instruction, a switch its case probabilities; loops are solved by
 * iterating to the fixed point (a loop whose back branch is taken with probability p runs
 * 1/(1-p) times). Exception handlers count 0.
 */
final class BlockFrequencies {
    /** Probability used for a branch HotSpot has no data for (never reached while profiled). */
    static final double UNKNOWN = 0.5;
    private static final int MAX_ITERATIONS = 20_000;

    private final int[] bcis;
    private final double[] frequency;
    /** Conditional branches and switches with no profile data, on instructions that ran. */
    private final int unknownBranches;

    private BlockFrequencies(int[] bcis, double[] frequency, int unknownBranches) {
        this.bcis = bcis;
        this.frequency = frequency;
        this.unknownBranches = unknownBranches;
    }

    /** Frequencies of {@code code}'s instructions under {@code profile}. */
    static BlockFrequencies of(CodeModel code, MethodProfile profile) {
        List<Instruction> instructions = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        CodeAttribute attribute = code instanceof CodeAttribute a ? a : null;
        int bci = 0;
        for (CodeElement e : code) {
            if (e instanceof Instruction i) {
                instructions.add(i);
                at.add(bci);
                bci += i.sizeInBytes();
            }
        }
        int n = instructions.size();
        int[] bcis = at.stream().mapToInt(Integer::intValue).toArray();
        // successors: index and probability
        int[][] to = new int[n][];
        double[][] p = new double[n][];
        int unknown = 0;
        boolean[] unknownAt = new boolean[n];
        for (int k = 0; k < n; k++) {
            Instruction i = instructions.get(k);
            if (i instanceof BranchInstruction b) {
                int target = index(bcis, labelBci(attribute, b.target()));
                if (b.opcode() == Opcode.GOTO || b.opcode() == Opcode.GOTO_W) {
                    to[k] = new int[] {target};
                    p[k] = new double[] {1};
                } else {
                    double taken = profile.branchTakenProbability(bcis[k]);
                    if (!(taken >= 0 && taken <= 1)) {
                        taken = UNKNOWN;
                        unknownAt[k] = true;
                    }
                    to[k] = new int[] {target, k + 1};
                    p[k] = new double[] {taken, 1 - taken};
                }
            } else if (i instanceof TableSwitchInstruction || i instanceof LookupSwitchInstruction) {
                List<SwitchCase> cases = i instanceof TableSwitchInstruction t ? t.cases() : ((LookupSwitchInstruction) i).cases();
                Label dflt = i instanceof TableSwitchInstruction t ? t.defaultTarget() : ((LookupSwitchInstruction) i).defaultTarget();
                int m = cases.size();
                to[k] = new int[m + 1];
                for (int c = 0; c < m; c++) {
                    to[k][c] = index(bcis, labelBci(attribute, cases.get(c).target()));
                }
                to[k][m] = index(bcis, labelBci(attribute, dflt));
                double[] sp = profile.switchProbabilities(bcis[k]);
                if (sp == null || sp.length != m + 1) {
                    sp = new double[m + 1];
                    Arrays.fill(sp, 1.0 / (m + 1));
                    unknownAt[k] = true;
                }
                p[k] = sp;
            } else if (i instanceof ReturnInstruction || i instanceof ThrowInstruction
                    || i.opcode() == Opcode.RET) {
                to[k] = new int[0];
                p[k] = new double[0];
            } else {
                to[k] = k + 1 < n ? new int[] {k + 1} : new int[0];
                p[k] = k + 1 < n ? new double[] {1} : new double[0];
            }
        }
        double[] f = solve(n, to, p);
        for (int k = 0; k < n; k++) {
            if (unknownAt[k] && f[k] > 0) {
                unknown++;
            }
        }
        return new BlockFrequencies(bcis, f, unknown);
    }

    /** Iterates f = entry + transfers (Jacobi) to the fixed point: code without loops settles after its longest path. */
    private static double[] solve(int n, int[][] to, double[][] p) {
        double[] f = new double[n];
        double[] in = new double[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            Arrays.fill(in, 0);
            if (n > 0) {
                in[0] = 1;
            }
            for (int k = 0; k < n; k++) {
                for (int s = 0; s < to[k].length; s++) {
                    if (to[k][s] >= 0) {
                        in[to[k][s]] += f[k] * p[k][s];
                    }
                }
            }
            double change = 0;
            for (int k = 0; k < n; k++) {
                change = Math.max(change, Math.abs(in[k] - f[k]));
                f[k] = in[k];
            }
            if (change < 1e-9) {
                break;
            }
        }
        return f;
    }

    private static int labelBci(CodeAttribute attribute, Label l) {
        if (attribute == null) {
            throw new IllegalArgumentException("the code model has no bytecode offsets");
        }
        return attribute.labelToBci(l);
    }

    private static int index(int[] bcis, int bci) {
        int k = Arrays.binarySearch(bcis, bci);
        return k >= 0 ? k : -1;
    }

    /** Runs of the instruction at {@code bci} per call of the method (0 if no instruction starts there). */
    double at(int bci) {
        int k = index(bcis, bci);
        return k < 0 ? 0 : frequency[k];
    }

    /** Branches or switches that ran but had no profile data (their probabilities were guessed). */
    int unknownBranches() {
        return unknownBranches;
    }
}
