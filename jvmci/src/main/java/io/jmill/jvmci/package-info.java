/**
 * HotSpot's own method profiles and the Graal compiler, reached through JVMCI: the one place in
 * JMill that names JVMCI or Graal types. {@link io.jmill.jvmci.Jvmci} says whether the running JVM
 * allows them (and why not); {@link io.jmill.jvmci.MethodProfile} reads a method's branch profile;
 * {@link io.jmill.jvmci.GraalCompiler} compiles a method immediately — inlining, folding and
 * profiling as a {@link io.jmill.jvmci.CompileScope} allows — and installs the code as the
 * method's own, until it is invalidated.
 */
package io.jmill.jvmci;
