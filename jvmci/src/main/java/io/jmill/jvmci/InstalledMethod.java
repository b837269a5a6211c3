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

    /** True while the code is installed and entered by callers. */
    boolean alive();

    /** Makes the code not entrant and deoptimizes frames running it; idempotent. */
    void invalidate();
}
