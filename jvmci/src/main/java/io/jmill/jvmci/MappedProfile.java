package io.jmill.jvmci;

import jdk.vm.ci.meta.DeoptimizationReason;
import jdk.vm.ci.meta.JavaMethodProfile;
import jdk.vm.ci.meta.JavaTypeProfile;
import jdk.vm.ci.meta.ProfilingInfo;
import jdk.vm.ci.meta.TriState;

/**
 * Another method's profile, read at the bcis of this one: {@code bciMap[bci]} is the bci of the
 * same instruction in the method that was profiled (-1: none, nothing known).
 */
final class MappedProfile implements ProfilingInfo {
    private final ProfilingInfo lent;
    private final int codeSize;
    private final int[] bciMap;

    MappedProfile(ProfilingInfo lent, int codeSize, int[] bciMap) {
        this.lent = lent;
        this.codeSize = codeSize;
        this.bciMap = bciMap;
    }

    private int at(int bci) {
        return bci >= 0 && bci < bciMap.length ? bciMap[bci] : -1;
    }

    @Override
    public int getCodeSize() {
        return codeSize;
    }

    @Override
    public double getBranchTakenProbability(int bci) {
        int b = at(bci);
        return b < 0 ? -1 : lent.getBranchTakenProbability(b);
    }

    @Override
    public double[] getSwitchProbabilities(int bci) {
        int b = at(bci);
        return b < 0 ? null : lent.getSwitchProbabilities(b);
    }

    @Override
    public JavaTypeProfile getTypeProfile(int bci) {
        int b = at(bci);
        return b < 0 ? null : lent.getTypeProfile(b);
    }

    @Override
    public JavaMethodProfile getMethodProfile(int bci) {
        int b = at(bci);
        return b < 0 ? null : lent.getMethodProfile(b);
    }

    @Override
    public TriState getExceptionSeen(int bci) {
        int b = at(bci);
        return b < 0 ? TriState.UNKNOWN : lent.getExceptionSeen(b);
    }

    @Override
    public TriState getNullSeen(int bci) {
        int b = at(bci);
        return b < 0 ? TriState.UNKNOWN : lent.getNullSeen(b);
    }

    @Override
    public int getExecutionCount(int bci) {
        int b = at(bci);
        return b < 0 ? -1 : lent.getExecutionCount(b);
    }

    @Override
    public int getDeoptimizationCount(DeoptimizationReason reason) {
        return lent.getDeoptimizationCount(reason);
    }

    @Override
    public boolean setCompilerIRSize(Class<?> irType, int irSize) {
        return false;
    }

    @Override
    public int getCompilerIRSize(Class<?> irType) {
        return -1;
    }

    @Override
    public boolean isMature() {
        return lent.isMature();
    }

    @Override
    public void setMature() {
    }

    @Override
    public String toString() {
        return "profile lent by " + lent;
    }
}
