/**
 * Address translation and flow elements: Click's {@code IPRewriter} (NAPT with a mapping table)
 * and {@code IPRewriterPatterns}, and PacketMill/FastClick-style flow elements without FastClick's
 * flow subsystem: {@code FlowIPManager} classifies packets into flows and writes each packet's
 * flow id, and downstream flow elements ({@code FlowIPNAT}, {@code FlowIPNATReverse},
 * {@code FlowCounter}) keep per-flow state in their own arrays indexed by that id.
 *
 * <p>Tables are open-addressing hash indexes and parallel primitive arrays: no allocation per
 * packet; arrays grow (allocating) only when the number of live flows reaches a new high. Expiry
 * is lazy (checked when a flow is looked up) plus a sweep paced by the packets themselves, so no
 * timer thread is needed. Each element's state is written by the one thread that runs it;
 * handlers read it without synchronization.
 */
package io.jmill.elements.nat;
