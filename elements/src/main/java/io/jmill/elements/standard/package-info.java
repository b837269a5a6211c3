/**
 * The standard elements every configuration needs, with Click's names, arguments, ports and
 * handlers: sources and sinks ({@code InfiniteSource}, {@code RatedSource}, {@code Discard},
 * {@code Idle}), packet transfer and switching ({@code Queue}, {@code Unqueue}, {@code Tee},
 * {@code Null}, {@code PaintSwitch}, {@code RoundRobinSwitch}, {@code HashSwitch}), counting and
 * debugging ({@code Counter}, {@code AverageCounter}, {@code Print}, {@code IPPrint}), and simple
 * modification ({@code Paint}, {@code Strip}, {@code Unstrip}, {@code SetTimestamp}, the VLAN
 * elements {@code SetVLANAnno}, {@code VLANEncap}, {@code VLANDecap}).
 *
 * <p>Each element is one class, named as in configurations, whose Javadoc is its manual page
 * ({@code jmill elements NAME}). Configuration is read in the constructor into {@code final}
 * fields; what changes at run time (counters, queues, settings written through handlers) lives in
 * a small state object, so that a specialized copy of the element shares it.
 *
 * <p>Counters are written by the one thread that runs the element and read by handlers without
 * synchronization: a value read while the router runs may be a little behind, and is exact once
 * the router has stopped. Settings written through handlers are {@code volatile}.
 */
package io.jmill.elements.standard;
