package io.jmill.engine.runtime;

/**
 * A task body that only observes another one (a profiler's timing wrapper): it runs
 * {@link #delegate()} and adds nothing to what happens to packets. The router looks through it
 * to decide whether an exception came from swapped-in code (revert) or from the generic path
 * (leave the slot alone).
 */
public interface ObservingTask extends Task {
    /** The body this one wraps. */
    Task delegate();

    /** The innermost body under any number of observing wrappers. */
    static Task innermost(Task body) {
        Task t = body;
        while (t instanceof ObservingTask o) {
            t = o.delegate();
        }
        return t;
    }
}
