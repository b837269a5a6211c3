package io.jmill.bench.suite;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * What one run measured during its window. Counts are differences between the window's start
 * and end.
 *
 * @param delivered      packets that reached the measured sinks (see {@link ConfigRewriter#instrument})
 * @param sourcePackets  packets the sources emitted
 * @param sourceBytes    bytes the sources emitted
 * @param windowNanos    length of the window
 * @param allocBytes     bytes allocated on the heap by the worker threads; -1 if the JVM did not count them
 * @param cpuNanos       CPU time of the worker threads
 * @param cycles         cycles of the worker threads counted by perf, or -1
 * @param drops          packets dropped by elements that count drops (queues, exhausted pools)
 * @param taskErrors     exceptions that escaped task batches
 * @param latency        latencies of the sampled packets, in nanoseconds (may be empty)
 * @param error          why the run failed, or null
 */
record RunResult(long delivered, long sourcePackets, long sourceBytes, long windowNanos, long allocBytes,
                 long cpuNanos, long cycles, long drops, long taskErrors, Histogram latency, String error) {

    static RunResult failed(String error) {
        return new RunResult(0, 0, 0, 0, 0, 0, -1, 0, 0, emptyHistogram(), error);
    }

    static Histogram emptyHistogram() {
        return new Histogram(LatencyProbe.HIGHEST_NANOS, 3);
    }

    boolean ok() {
        return error == null;
    }

    /** Packets per second, in millions. */
    double mpps() {
        return windowNanos <= 0 ? 0 : delivered * 1e3 / windowNanos;
    }

    /** Mean frame length emitted by the sources. */
    double meanFrameBytes() {
        return sourcePackets == 0 ? 0 : (double) sourceBytes / sourcePackets;
    }

    /** Delivered packets at their frame length, in Gbit/s. */
    double gbps() {
        return mpps() * meanFrameBytes() * 8 / 1e3;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivered", delivered);
        m.put("source_packets", sourcePackets);
        m.put("source_bytes", sourceBytes);
        m.put("window_nanos", windowNanos);
        m.put("alloc_bytes", allocBytes);
        m.put("cpu_nanos", cpuNanos);
        m.put("cycles", cycles);
        m.put("drops", drops);
        m.put("task_errors", taskErrors);
        ByteBuffer buf = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
        int n = latency.encodeIntoCompressedByteBuffer(buf);
        m.put("latency", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n)));
        m.put("error", error);
        return m;
    }

    static RunResult fromJson(Map<String, Object> m) {
        Histogram h;
        try {
            h = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode((String) m.get("latency"))), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad latency histogram: " + e.getMessage(), e);
        }
        return new RunResult(num(m, "delivered"), num(m, "source_packets"), num(m, "source_bytes"),
                num(m, "window_nanos"), num(m, "alloc_bytes"), num(m, "cpu_nanos"), num(m, "cycles"), num(m, "drops"),
                num(m, "task_errors"), h, (String) m.get("error"));
    }

    private static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }
}
