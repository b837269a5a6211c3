/**
 * Synthetic load for benchmarks, after PacketMill's and FastClick's research elements:
 * {@code WorkPackage} burns a configurable amount of CPU and memory accesses per packet, so that
 * network functions of known cost can be measured. The work's results are folded into the
 * element's state, so the JIT cannot remove it.
 */
package io.jmill.elements.synthetic;
