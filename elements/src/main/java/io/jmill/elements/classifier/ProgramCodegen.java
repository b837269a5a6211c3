package io.jmill.elements.classifier;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles a {@link Program} into a hidden class whose {@link Matcher#walk} is the decision DAG
 * as straight-line bytecode: one block per node, with its offset, width, mask and range as
 * constants, and jumps to the next node or to a {@code return} of the rule. It computes exactly
 * what the interpreter computes (tested node by node on random packets), without the node array
 * loads and their bounds checks.
 *
 * <p>Programs of more than {@value #MAX_NODES} nodes stay interpreted: their code would pass the
 * size above which HotSpot does not compile a method (8000 bytes of bytecode).
 */
final class ProgramCodegen {
    /** Largest program compiled (about 45 bytes of bytecode per node). */
    static final int MAX_NODES = 150;

    private static final ClassDesc MATCHER = ClassDesc.of(Matcher.class.getName());
    private static final MethodTypeDesc INIT = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_boolean,
            ConstantDescs.CD_boolean);
    private static final MethodTypeDesc WALK = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_long,
            ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_int);
    private static final MethodTypeDesc READ = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_long);

    // Locals of walk: this, data (2 slots), len, mac, net, transport, at.
    private static final int DATA = 1;
    private static final int LEN = 3;
    private static final int MAC = 4;
    private static final int NET = 5;
    private static final int TRANSPORT = 6;
    private static final int AT = 7;

    private ProgramCodegen() {
    }

    /**
     * The compiled matcher of {@code program}, or {@code program} itself (interpreted, with the
     * same results) if it is too large to compile or its class cannot be defined.
     */
    static Matcher compile(Program program) {
        if (program.size() > MAX_NODES) {
            return program;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(generate(program), true);
            return (Matcher) lookup.findConstructor(lookup.lookupClass(),
                    java.lang.invoke.MethodType.methodType(void.class, boolean.class, boolean.class))
                    .invoke(program.usesMac, program.usesIp);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return program;
        }
    }

    /** The class file of the compiled matcher. */
    static byte[] generate(Program program) {
        ClassDesc self = ClassDesc.of(Matcher.class.getPackageName() + ".CompiledProgram");
        return ClassFile.of().build(self, cb -> cb
                .withSuperclass(MATCHER)
                .withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                .withMethodBody(ConstantDescs.INIT_NAME, INIT, 0, c -> c
                        .aload(0).iload(1).iload(2)
                        .invokespecial(MATCHER, ConstantDescs.INIT_NAME, INIT)
                        .return_())
                .withMethodBody("walk", WALK, 0, c -> walk(c, program)));
    }

    private static void walk(CodeBuilder c, Program program) {
        int[] code = program.code();
        int nodes = code.length / Program.STRIDE;
        int root = program.root();
        if (root < 0) {
            c.loadConstant(~root).ireturn();
            return;
        }
        Label[] node = new Label[nodes];
        for (int i = 0; i < nodes; i++) {
            node[i] = c.newLabel();
        }
        Map<Integer, Label> rules = new TreeMap<>();
        c.goto_(node[root]);
        for (int j = 0; j < nodes; j++) {
            int b = j * Program.STRIDE;
            int loc = code[b + Program.LOC];
            int base = loc >>> 24;
            int w = (loc >>> 16) & 0xFF;
            c.labelBinding(node[j]);
            // at = offset + base; if (at + w > len) short
            c.loadConstant(loc & 0xFFFF);
            switch (base) {
                case FieldTest.MAC -> c.iload(MAC).iadd();
                case FieldTest.NET -> c.iload(NET).iadd();
                case FieldTest.TRANSPORT -> c.iload(TRANSPORT).iadd();
                default -> { }
            }
            c.istore(AT);
            c.iload(AT).loadConstant(w).iadd().iload(LEN).if_icmpgt(target(c, code[b + Program.SHORT], node, rules));
            // v = read(data + at); in range: ((v & mask) - lo ^ MIN_VALUE) <= span (signed)
            c.lload(DATA).iload(AT).i2l().ladd();
            c.invokestatic(MATCHER, "read" + w, READ);
            c.loadConstant(code[b + Program.MASK]).iand();
            c.loadConstant(code[b + Program.LO]).isub();
            c.loadConstant(Integer.MIN_VALUE).ixor();
            c.loadConstant(code[b + Program.SPAN]);
            c.if_icmpgt(target(c, code[b + Program.NO], node, rules));
            c.goto_(target(c, code[b + Program.YES], node, rules));
        }
        for (Map.Entry<Integer, Label> r : rules.entrySet()) {
            c.labelBinding(r.getValue());
            c.loadConstant(r.getKey()).ireturn();
        }
    }

    /** The label of a step: a node, or the {@code return} of rule {@code ~step}. */
    private static Label target(CodeBuilder c, int step, Label[] node, Map<Integer, Label> rules) {
        return step >= 0 ? node[step] : rules.computeIfAbsent(~step, r -> c.newLabel());
    }
}
