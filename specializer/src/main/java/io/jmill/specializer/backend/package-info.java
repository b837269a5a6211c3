/**
 * Compiler backends of the specialized code. C2 needs nothing: HotSpot compiles the hidden
 * classes when they get hot. {@link io.jmill.specializer.backend.GraalBackend} compiles the batch
 * loops of the specialized task bodies through Graal at swap time, with the whole chain of copies
 * inlined, the copies' configuration arrays ({@link io.jmill.specializer.backend.ConfigArrays})
 * constant and the generic code's profile lent to the copies, and installs the code through JVMCI,
 * so the new code runs compiled from its first batch.
 */
package io.jmill.specializer.backend;
