package io.jmill.engine.runtime;

/**
 * An element that decides between rules or branches (classifiers, filters, lookups) and counts
 * how often each was taken, for the profiler. Counting must be cheap: one array increment per
 * packet, single writer.
 */
public interface BranchProfile {
    /** A short name for each branch, e.g. the rule text; index-aligned with {@link #branchHits()}. */
    String[] branchNames();

    /** Packets that took each branch so far (a fresh copy). */
    long[] branchHits();
}
