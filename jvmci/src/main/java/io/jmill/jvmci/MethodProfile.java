package io.jmill.jvmci;

import jdk.vm.ci.meta.DefaultProfilingInfo;
import jdk.vm.ci.meta.ProfilingInfo;
import jdk.vm.ci.meta.ResolvedJavaMethod;

import java.lang.reflect.Executable;

/**
 * HotSpot's profile of one method, as the interpreter and C1 collected it (JVMCI's
 * {@code ProfilingInfo}): per conditional branch the probability it was taken and how often it
 * ran, per switch the probability of each case. Counting stops once C2 has compiled the method,
 * so counts cover the profiled phase; probabilities are what carries over to a whole run.
 *
 * <pre>{@code
 * MethodProfile p = MethodProfile.of(MyElement.class.getDeclaredMethod("push", int.class, Packet.class));
 * if (p.profiled()) p.branchTakenProbability(12);   // 0.25: a quarter of the runs took the branch at bci 12
 * }</pre>
 *
 * Reading it puts nothing on the data path. Needs {@link Jvmci#available()}.
 */
public final class MethodProfile {
    private final String method;
    private final ProfilingInfo info;
    private final boolean profiled;

    private MethodProfile(String method, ProfilingInfo info) {
        this.method = method;
        this.info = info;
        this.profiled = !(info instanceof DefaultProfilingInfo);
    }

    /**
     * The profile HotSpot holds now for {@code m} (a method or constructor of any class, hidden
     * classes included).
     *
     * @throws IllegalStateException if JVMCI is not available (with {@link Jvmci#unavailableReason()})
     */
    public static MethodProfile of(Executable m) {
        String why = Jvmci.unavailableReason();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        ResolvedJavaMethod rm = HostRuntime.metaAccess().lookupJavaMethod(m);
        return new MethodProfile(rm.format("%H.%n(%p)"), rm.getProfilingInfo());
    }

    /** False when HotSpot has no profile of the method (it ran too rarely, or not at all). */
    public boolean profiled() {
        return profiled;
    }

    /** True when HotSpot considers the profile mature (enough runs to compile from). */
    public boolean mature() {
        return profiled && info.isMature();
    }

    /** The probability that the conditional branch at {@code bci} was taken, or -1 if not known. */
    public double branchTakenProbability(int bci) {
        return info.getBranchTakenProbability(bci);
    }

    /** How often the instruction at {@code bci} (a branch or a call) ran while profiled, or -1. */
    public long executionCount(int bci) {
        return info.getExecutionCount(bci);
    }

    /**
     * The probability of each case of the switch at {@code bci}, in the order of its keys, then
     * the default; null if not known.
     */
    public double[] switchProbabilities(int bci) {
        return info.getSwitchProbabilities(bci);
    }

    /** The method, as {@code Class.name(params)}. */
    public String method() {
        return method;
    }

    @Override
    public String toString() {
        return method + (profiled ? " " + info : " (not profiled)");
    }
}
