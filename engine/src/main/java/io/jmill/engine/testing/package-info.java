/**
 * Test support that other modules use too: {@link io.jmill.engine.testing.Harness} pushes crafted
 * packets through one element or a small graph and collects what each output port received.
 */
package io.jmill.engine.testing;
