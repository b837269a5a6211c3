/**
 * Running a router: worker threads ({@link io.jmill.engine.runtime.Worker}) run tasks
 * ({@link io.jmill.engine.runtime.Task}) in batches, each behind a swappable
 * {@link io.jmill.engine.runtime.PipelineSlot}.
 */
package io.jmill.engine.runtime;
