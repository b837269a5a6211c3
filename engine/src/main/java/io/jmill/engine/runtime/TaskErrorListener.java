package io.jmill.engine.runtime;

/** Told about every exception that escapes a task's batch. */
@FunctionalInterface
public interface TaskErrorListener {
    void taskFailed(ScheduledTask task, Throwable error);
}
