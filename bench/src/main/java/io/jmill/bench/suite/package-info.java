/**
 * The NF benchmark suite, {@code jmill bench} (what NPF is to PacketMill): runs network functions
 * ({@link io.jmill.bench.suite.Nfs}) in modes ({@link io.jmill.bench.suite.Modes}), packet sizes
 * and thread counts; measures Mpps, Gbps, ns and cycles per packet, latency percentiles and
 * allocation per packet; and writes CSV, JSON, Markdown and PNG charts. Entry point:
 * {@link io.jmill.bench.suite.BenchCommand#run}.
 */
package io.jmill.bench.suite;
