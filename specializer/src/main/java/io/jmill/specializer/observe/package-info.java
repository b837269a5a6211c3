/**
 * Observing what the JIT does with generated code: JFR streaming of {@code jdk.Compilation} and
 * {@code jdk.Deoptimization} events for the specialized classes.
 */
package io.jmill.specializer.observe;
