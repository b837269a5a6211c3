package io.jmill.elements.ip;

/**
 * Counters of a checking element: the packets that passed (FastClick's {@code count} handler),
 * the drops (the {@code drops} handler) and, with Click's
 * DETAILS keyword, one count per reason (the {@code drop_details} handler, formatted as Click's:
 * one {@code count<TAB>reason} line per reason).
 */
final class DropStats {
    private final String[] reasons;
    private final long[] byReason;
    long drops;
    long passed;

    DropStats(String[] reasons, boolean details) {
        this.reasons = reasons.clone();
        this.byReason = details ? new long[reasons.length] : null;
    }

    /** Counts one drop; returns true if it should be reported (the first one, or every one if verbose). */
    boolean count(int reason, boolean verbose) {
        boolean report = drops == 0 || verbose;
        drops++;
        if (byReason != null) {
            byReason[reason]++;
        }
        return report;
    }

    boolean hasDetails() {
        return byReason != null;
    }

    String reason(int reason) {
        return reasons[reason];
    }

    String details() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < reasons.length; i++) {
            sb.append(byReason[i]).append('\t').append(reasons[i]).append('\n');
        }
        return sb.toString();
    }
}
