package io.jmill.jvmci;

/**
 * Machine code Graal compiled for one method and installed as the method's own code. Invalidate
 * it to send callers back to the interpreter (and so to HotSpot's own tiers, up to C2).
 */
public interface InstalledMethod {
    /** The method, as {@code Class.name(params)}. */
    String method();

    /** Time Graal took, from graph to installed code. */
    long compileNanos();

    /** Bytes of machine code. */
    int codeSize();

    /** Methods of the {@link CompileScope}'s classes inlined into it while parsing. */
    int inlinedMethods();

    /** Bytes of bytecode those methods have. */
    int inlinedBytecodeBytes();

    /** Methods outside the scope's classes that HotSpot had compiled (hot helpers), inlined while parsing. */
    int inlinedHelpers();

    /** Calls into the scope's classes that are still calls in the compiled code (recursion, budget, cold). */
    int callsLeft();

    /** Of {@link #callsLeft()}: calls the generic run never made, left out of line once the cold budget was spent. */
    int coldCallsLeft();

    /** Reads of {@link CompileScope#constantArrays()} fields that became stable array constants. */
    int constantArrayReads();

    /**
     * Reads of {@link CompileScope#trustedFinals()} classes' final fields and of
     * {@link CompileScope#snapshotFields()} that became constants.
     */
    int constantFieldReads();

    /** Methods of the scope that compiled with the profile of their generic original. */
    int borrowedProfiles();

    /** Methods of the scope that compiled without a profile (no original of the same shape). */
    int unprofiledCopies();

    /** True while the code is installed and entered by callers. */
    boolean alive();

    /** Makes the code not entrant and deoptimizes frames running it; idempotent. */
    void invalidate();
}
