/**
 * Test support that other modules use too: {@link io.jmill.engine.testing.Harness} pushes crafted
 * packets through one element or a small graph and collects what each output port received;
 * {@link io.jmill.engine.testing.AllocatedBytes} measures what a data path allocates, and fails
 * rather than measuring nothing where the JVM cannot count.
 */
package io.jmill.engine.testing;
