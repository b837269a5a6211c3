package io.jmill.engine.args;

import static io.jmill.engine.args.Probe.bad;
import static io.jmill.engine.args.Probe.ok;
import static io.jmill.engine.args.Probe.okBool;
import static io.jmill.engine.args.Probe.okDouble;
import static io.jmill.engine.args.Probe.okInt;
import static io.jmill.engine.args.Probe.okLong;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, rates, bandwidths and byte sizes. */
class UnitsTest {
    @ParameterizedTest
    @CsvSource({
        "1.5s, 1500000000", "10ms, 10000000", "100us, 100000", "250ns, 250", "2min, 120000000000",
        "1h, 3600000000000", "1, 1000000000", "0.001, 1000000", "0, 0", "1sec, 1000000000", "5msec, 5000000",
        "3usec, 3000", "7nsec, 7", "1m, 60000000000", "2hr, 7200000000000", "1d, 86400000000000",
        "1day, 86400000000000", "10 ms, 10000000", "1.1s, 1100000000", "1e-3s, 1000000", "0.4ns, 0", "0.5ns, 1",
        ".5s, 500000000"})
    void durations(String text, long nanos) {
        assertEquals(nanos, okLong(text, a -> a.durationNanos(-1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "1.5 seconds", "10MS", "s", "1x", "1s2", "ten"})
    void badDurations(String text) {
        assertEquals("X: expected duration, got '" + text + "'", bad(text, a -> a.durationNanos(5), 5L));
    }

    @Test
    void durationOutOfRange() {
        assertEquals("X: duration out of range, got '300000000000s'",
                bad("300000000000s", a -> a.durationNanos(5), 5L));
        assertEquals("X: duration out of range, got '1e999999999'", bad("1e999999999", a -> a.durationNanos(5), 5L));
        assertEquals("X: number out of range, got '1e99999999999'",
                bad("1e99999999999", a -> a.durationNanos(5), 5L));
    }

    @ParameterizedTest
    @CsvSource({"1000, 1000", "10k, 10000", "10K, 10000", "2.5M, 2500000", "1G, 1000000000", "1T, 1e12",
            "500pps, 500", "3kpps, 3000", "10 k, 10000", "20/s, 20", "2k/s, 2000", "0, 0", "0.5, 0.5", "100 pps, 100"})
    void rates(String text, double expected) {
        assertEquals(expected, okDouble(text, a -> a.rate(-1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "10m", "10kbps", "fast", "10 k pps", "1pp", "k"})
    void badRates(String text) {
        assertEquals("X: expected rate, got '" + text + "'", bad(text, a -> a.rate(7), 7.0));
    }

    @ParameterizedTest
    @CsvSource({"10Mbps, 1e7", "1Gbps, 1e9", "100kbps, 1e5", "1.5GB/s, 1.2e10", "1Bps, 8", "64kBps, 512000",
            "1000bps, 1000", "2b/s, 2", "9600baud, 9600", "0, 0", "10 Mbps, 1e7", "1Tbps, 1e12", "3KBps, 24000"})
    void bandwidths(String text, double bitsPerSecond) {
        assertEquals(bitsPerSecond, okDouble(text, a -> a.bandwidthBitsPerSecond(-1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10Mbit", "10mbps", "-1bps", "fast", "10Kb", "10 M bps", "bps"})
    void badBandwidths(String text) {
        assertEquals("X: expected bandwidth, got '" + text + "'", bad(text, a -> a.bandwidthBitsPerSecond(3), 3.0));
    }

    @Test
    void bandwidthNeedsAUnit() {
        assertEquals("X: missing unit (bps or Bps), got '1000'", bad("1000", a -> a.bandwidthBitsPerSecond(3), 3.0));
    }

    @ParameterizedTest
    @CsvSource({"64, 64", "2k, 2048", "2K, 2048", "256m, 268435456", "1g, 1073741824", "1t, 1099511627776",
            "256MB, 268435456", "1GiB, 1073741824", "4kb, 4096", "10b, 10", "1.5k, 1536", "0, 0", "8 k, 8192"})
    void byteSizes(String text, long expected) {
        assertEquals(expected, okLong(text, a -> a.byteSize(-1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2x", "2kk", "big", "1kbit", "1ki"})
    void badByteSizes(String text) {
        assertEquals("X: expected byte size, got '" + text + "'", bad(text, a -> a.byteSize(9), 9L));
    }

    @Test
    void byteSizeMustBeWholeAndInRange() {
        assertEquals("X: not a whole number of bytes, got '1.5'", bad("1.5", a -> a.byteSize(9), 9L));
        assertEquals("X: not a whole number of bytes, got '0.3k'", bad("0.3k", a -> a.byteSize(9), 9L));
        assertEquals("X: byte size out of range, got '8388608t'", bad("8388608t", a -> a.byteSize(9), 9L));
    }
}
