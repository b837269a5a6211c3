/**
 * Compiler backends of the specialized code. C2 needs nothing: HotSpot compiles the hidden
 * classes when they get hot. {@link io.jmill.specializer.backend.GraalBackend} compiles the
 * entry methods of every specialized copy through Graal at swap time and installs the code
 * through JVMCI, so the new code runs compiled from its first batch.
 */
package io.jmill.specializer.backend;
