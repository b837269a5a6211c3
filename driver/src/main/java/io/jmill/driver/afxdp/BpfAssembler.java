package io.jmill.driver.afxdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes eBPF instructions (the kernel's {@code Documentation/bpf/standardization/instruction-set.rst}),
 * each as the 64-bit word {@code bpf(BPF_PROG_LOAD)} takes: opcode, destination and source
 * registers, a 16-bit offset and a 32-bit immediate, little-endian. Jumps name a label; {@link #assemble}
 * resolves them. Only what the XDP program generator needs.
 */
final class BpfAssembler {
    static final int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7, R8 = 8, R9 = 9;

    static final int SIZE_W = 0x00, SIZE_H = 0x08, SIZE_B = 0x10, SIZE_DW = 0x18;

    static final int ADD = 0x00, SUB = 0x10, MUL = 0x20, OR = 0x40, AND = 0x50, LSH = 0x60, RSH = 0x70,
            XOR = 0xa0, MOV = 0xb0;
    static final int JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40, JNE = 0x50, JLT = 0xa0;

    private static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, JMP32 = 0x06,
            ALU64 = 0x07;
    private static final int MEM = 0x60, IMM = 0x00, K = 0x00, X = 0x08;
    private static final int JA = 0x00, CALL = 0x80, EXIT = 0x90, END = 0xd0, TO_BE = 0x08;
    private static final int PSEUDO_MAP_FD = 1;

    private final List<long[]> code = new ArrayList<>(); // {opcode, dst, src, off, imm}
    private final Map<Integer, String> jumps = new HashMap<>();
    private final Map<String, Integer> labels = new HashMap<>();

    private void emit(int op, int dst, int src, int off, int imm) {
        code.add(new long[] {op, dst, src, off, imm});
    }

    /** {@code dst op= imm} on 64 bits. */
    BpfAssembler alu(int op, int dst, int imm) {
        emit(ALU64 | op | K, dst, 0, 0, imm);
        return this;
    }

    /** {@code dst op= src} on 64 bits. */
    BpfAssembler aluReg(int op, int dst, int src) {
        emit(ALU64 | op | X, dst, src, 0, 0);
        return this;
    }

    /** {@code dst = imm} (64 bits, sign-extended). */
    BpfAssembler mov(int dst, int imm) {
        return alu(MOV, dst, imm);
    }

    /** {@code dst = src}. */
    BpfAssembler movReg(int dst, int src) {
        return aluReg(MOV, dst, src);
    }

    /** {@code dst = imm} for any 64-bit value (two instruction slots). */
    BpfAssembler loadImm64(int dst, long imm) {
        emit(LD | SIZE_DW | IMM, dst, 0, 0, (int) imm);
        emit(0, 0, 0, 0, (int) (imm >>> 32));
        return this;
    }

    /** {@code dst = map} for the map with descriptor {@code fd} (the loader turns it into a pointer). */
    BpfAssembler loadMap(int dst, int fd) {
        emit(LD | SIZE_DW | IMM, dst, PSEUDO_MAP_FD, 0, fd);
        emit(0, 0, 0, 0, 0);
        return this;
    }

    /** Byte-swaps the low {@code bits} bits of {@code dst} (network to host order on x86) and zero-extends. */
    BpfAssembler toBigEndian(int dst, int bits) {
        emit(ALU | END | TO_BE, dst, 0, 0, bits);
        return this;
    }

    /** {@code dst = *(size *)(src + off)}, zero-extended. */
    BpfAssembler load(int size, int dst, int src, int off) {
        emit(LDX | MEM | size, dst, src, off, 0);
        return this;
    }

    /** {@code *(size *)(dst + off) = src}. */
    BpfAssembler store(int size, int dst, int off, int src) {
        emit(STX | MEM | size, dst, src, off, 0);
        return this;
    }

    /** {@code *(size *)(dst + off) = imm}. */
    BpfAssembler storeImm(int size, int dst, int off, int imm) {
        emit(ST | MEM | size, dst, 0, off, imm);
        return this;
    }

    /** {@code if (dst op imm) goto label}, comparing 64 bits. */
    BpfAssembler jump(int op, int dst, int imm, String label) {
        jumps.put(code.size(), label);
        emit(JMP | op | K, dst, 0, 0, imm);
        return this;
    }

    /** {@code if ((u32) dst op (u32) imm) goto label}. */
    BpfAssembler jump32(int op, int dst, int imm, String label) {
        jumps.put(code.size(), label);
        emit(JMP32 | op | K, dst, 0, 0, imm);
        return this;
    }

    /** {@code if (dst op src) goto label}, comparing 64 bits (pointers too). */
    BpfAssembler jumpReg(int op, int dst, int src, String label) {
        jumps.put(code.size(), label);
        emit(JMP | op | X, dst, src, 0, 0);
        return this;
    }

    /** {@code goto label}. */
    BpfAssembler jump(String label) {
        jumps.put(code.size(), label);
        emit(JMP | JA, 0, 0, 0, 0);
        return this;
    }

    /** Calls helper {@code id}; arguments in R1..R5, result in R0, R1..R5 clobbered. */
    BpfAssembler call(int id) {
        emit(JMP | CALL, 0, 0, 0, id);
        return this;
    }

    BpfAssembler exit() {
        emit(JMP | EXIT, 0, 0, 0, 0);
        return this;
    }

    /** Marks the next instruction as {@code name}. */
    BpfAssembler label(String name) {
        if (labels.putIfAbsent(name, code.size()) != null) {
            throw new IllegalStateException("label " + name + " defined twice");
        }
        return this;
    }

    /** Number of instruction slots so far. */
    int size() {
        return code.size();
    }

    /** The program, with every jump resolved. */
    long[] assemble() {
        long[] out = new long[code.size()];
        for (int i = 0; i < out.length; i++) {
            long[] c = code.get(i);
            long off = c[3];
            String target = jumps.get(i);
            if (target != null) {
                Integer at = labels.get(target);
                if (at == null) {
                    throw new IllegalStateException("undefined label " + target);
                }
                off = at - i - 1;
            }
            out[i] = (c[0] & 0xFF) | (c[1] & 0xF) << 8 | (c[2] & 0xF) << 12 | (off & 0xFFFF) << 16
                    | (c[4] & 0xFFFF_FFFFL) << 32;
        }
        return out;
    }
}
