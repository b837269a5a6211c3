/**
 * Profiles of a running router, for the specializer: packets per edge, packets and sampled
 * batch times per element, estimated metadata-field accesses per element, and rule hits per
 * classifier.
 *
 * <p>{@link io.jmill.profiler.Profiler} attaches to a built router and is switched on and off
 * while it runs; when off, nothing of it is on the data path. It counts edges with probe
 * elements spliced into the graph (one hidden class per edge, so that profiling costs no extra
 * dispatch), times task batches by wrapping pipeline-slot bodies, and estimates field accesses
 * from the elements' bytecode ({@link io.jmill.profiler.FieldAccessSites}).
 * {@link io.jmill.profiler.Profile} is the immutable snapshot, with queries for the specializer
 * and its JSON form (schema in {@code docs/profile-schema.md}).
 */
package io.jmill.profiler;
