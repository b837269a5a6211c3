package io.jmill.specializer.observe;

import java.time.Instant;

/**
 * One thing the JIT did to a method of interest: compiled it (with tier and code size) or
 * deoptimized it (with the reason), as reported by JFR.
 *
 * @param kind       what happened
 * @param time       when
 * @param type       the method's class (hidden classes carry their {@code /0x...} suffix)
 * @param method     method name
 * @param level      compilation tier (4 = C2); -1 for deoptimizations
 * @param codeSize   bytes of machine code (compilations), else 0
 * @param detail     deoptimization reason and action, or "osr" for on-stack-replacement compiles
 */
public record JitEvent(Kind kind, Instant time, String type, String method, int level, long codeSize, String detail) {
    public enum Kind { COMPILED, DEOPTIMIZED }

    @Override
    public String toString() {
        return kind == Kind.COMPILED
                ? String.format("%s compiled %s.%s at tier %d (%d bytes%s)", time, type, method, level, codeSize,
                        detail.isEmpty() ? "" : ", " + detail)
                : String.format("%s deoptimized %s.%s: %s", time, type, method, detail);
    }
}
