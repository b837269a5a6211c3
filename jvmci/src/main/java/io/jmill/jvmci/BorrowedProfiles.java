package io.jmill.jvmci;

import jdk.graal.compiler.bytecode.BytecodeStream;
import jdk.graal.compiler.bytecode.Bytecodes;
import jdk.graal.compiler.nodes.spi.ProfileProvider;
import jdk.vm.ci.meta.ProfilingInfo;
import jdk.vm.ci.meta.ResolvedJavaMethod;
import jdk.vm.ci.meta.ResolvedJavaType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HotSpot's profile of each method, except for the methods of a specialized copy: those never
 * ran, so they borrow the profile of the generic method they were made from. The copy has the
 * original's instructions one for one (calls may call elsewhere and change length, constants may
 * move to a wide {@code ldc_w}, switch padding may differ), so the profile is read through a map
 * from the copy's instruction index to the original's ({@link MappedProfile}): a branch no packet
 * took in the generic run is cold in the Graal code too. A copy whose instructions do not line
 * up with a method of the original's class chain gets no profile.
 */
final class BorrowedProfiles implements ProfileProvider {
    private final Map<ResolvedJavaType, ResolvedJavaType> profiledLike;
    private final Map<ResolvedJavaMethod, Optional<Lender>> lenders = new HashMap<>();
    private int borrowed;
    private int refused;

    private record Lender(ResolvedJavaMethod method, int[] bciMap) {
    }

    BorrowedProfiles(Map<ResolvedJavaType, ResolvedJavaType> profiledLike) {
        this.profiledLike = profiledLike;
    }

    @Override
    public ProfilingInfo getProfilingInfo(ResolvedJavaMethod method) {
        return getProfilingInfo(method, true, true);
    }

    @Override
    public ProfilingInfo getProfilingInfo(ResolvedJavaMethod method, boolean includeNormal, boolean includeOSR) {
        ResolvedJavaType original = profiledLike.get(method.getDeclaringClass());
        if (original == null) {
            return method.getProfilingInfo(includeNormal, includeOSR);
        }
        Optional<Lender> lender = lenders.computeIfAbsent(method, m -> lender(m, original));
        return lender.isEmpty() ? method.getProfilingInfo(includeNormal, includeOSR)
                : new MappedProfile(lender.get().method().getProfilingInfo(includeNormal, includeOSR), method.getCodeSize(),
                lender.get().bciMap());
    }

    /** Copy methods that compiled with their generic method's profile. */
    int borrowed() {
        return borrowed;
    }

    /** Copy methods that compiled without a profile (no generic method lines up). */
    int refused() {
        return refused;
    }

    private Optional<Lender> lender(ResolvedJavaMethod copy, ResolvedJavaType original) {
        String descriptor = copy.getSignature().toMethodDescriptor();
        for (ResolvedJavaType t = original; t != null; t = t.getSuperclass()) {
            for (ResolvedJavaMethod m : t.getDeclaredMethods(false)) {
                if (m.getName().equals(copy.getName()) && m.getSignature().toMethodDescriptor().equals(descriptor)) {
                    int[] map = bciMap(copy.getCode(), m.getCode());
                    if (map != null) {
                        borrowed++;
                        return Optional.of(new Lender(m, map));
                    }
                }
            }
        }
        refused++;
        return Optional.empty();
    }

    /**
     * For each bci of {@code copy} that starts an instruction, the bci of the same instruction in
     * {@code original} (-1 elsewhere); null if the two do not line up one for one.
     */
    static int[] bciMap(byte[] copy, byte[] original) {
        if (copy == null || original == null) {
            return null;
        }
        int[] map = new int[copy.length];
        java.util.Arrays.fill(map, -1);
        BytecodeStream x = new BytecodeStream(copy);
        BytecodeStream y = new BytecodeStream(original);
        while (x.currentBCI() < x.endBCI()) {
            if (y.currentBCI() >= y.endBCI() || !same(x.currentBC(), y.currentBC())) {
                return null;
            }
            map[x.currentBCI()] = y.currentBCI();
            x.next();
            y.next();
        }
        return y.currentBCI() >= y.endBCI() ? map : null;
    }

    private static boolean same(int a, int b) {
        return a == b || group(a) != 0 && group(a) == group(b);
    }

    private static int group(int opcode) {
        return switch (opcode) {
            case Bytecodes.INVOKEVIRTUAL, Bytecodes.INVOKESTATIC, Bytecodes.INVOKESPECIAL, Bytecodes.INVOKEINTERFACE -> 1;
            case Bytecodes.LDC, Bytecodes.LDC_W -> 2;
            case Bytecodes.GOTO, Bytecodes.GOTO_W -> 3;
            default -> 0;
        };
    }
}
