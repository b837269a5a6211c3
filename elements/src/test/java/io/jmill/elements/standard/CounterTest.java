package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterTest {

    @Test
    void countsPacketsAndBytesAndPassesThemUnchanged() throws Exception {
        try (Harness h = Harness.element("Counter")) {
            h.push(0, seq(60));
            h.push(0, seq(100));
            assertEquals("2", h.read("count"));
            assertEquals("160", h.read("byte_count"));
            assertArrayEquals(seq(60), h.outputBytes(0).get(0));
            assertArrayEquals(seq(100), h.outputBytes(0).get(1));
            h.write("reset", "");
            assertEquals("0", h.read("count"));
            assertEquals("0", h.read("byte_count"));
            h.push(0, seq(1));
            h.write("reset_counts", "");
            assertEquals("0", h.read("count"));
        }
    }

    @Test
    void countsWhenPulled() throws Exception {
        try (Harness h = Harness.graph("input -> Queue -> c :: Counter -> output", 1, 1)) {
            h.push(0, seq(60));
            h.push(0, seq(61));
            assertEquals("0", h.read("e/c.count"));
            assertArrayEquals(seq(60), h.pull(0).toByteArray());
            assertEquals("1", h.read("e/c.count"));
            assertEquals("60", h.read("e/c.byte_count"));
        }
    }

    @Test
    void rateIsTheAverageBetweenSamples() throws Exception {
        try (Harness h = Harness.element("Counter")) {
            for (int i = 0; i < 10; i++) {
                h.push(0, seq(100));
            }
            Thread.sleep(150);
            double rate = Double.parseDouble(h.read("rate"));
            double byteRate = Double.parseDouble(h.read("byte_rate"));
            assertTrue(rate > 0 && rate <= 67, "rate " + rate + " over at least 150 ms");
            assertEquals(rate * 100, byteRate, 0.1, "same interval for both rates (rates have three decimals)");
            Thread.sleep(150);
            assertEquals("0.000", h.read("rate"), "no packets in the last interval");
        }
    }

    @Test
    void noRateRemovesTheRateHandlers() throws Exception {
        try (Harness h = Harness.element("Counter(NO_RATE true)")) {
            h.push(0, seq(10));
            assertEquals("1", h.read("count"));
            HandlerException e = assertThrows(HandlerException.class, () -> h.read("rate"));
            assertTrue(e.getMessage().contains("no handler 'rate'"), e.getMessage());
        }
    }

    @Test
    void countCallWritesAHandlerWhenTheCountIsReached() throws Exception {
        try (Harness h = Harness.element("Counter(COUNT_CALL 3 stop)")) {
            h.push(0, seq(10));
            h.push(0, seq(10));
            assertFalse(h.router().stopping());
            h.push(0, seq(10));
            assertTrue(h.router().stopping());
            assertEquals(3, h.count(0), "the packet still goes on");
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Harness h = Harness.graph("input -> c :: Counter(COUNT_CALL 2 e/p.active false) -> p :: Print(x) -> output", 1, 1)) {
            ((Print) h.router().element("e/p")).setStream(new PrintStream(printed, true, StandardCharsets.UTF_8));
            for (int i = 0; i < 4; i++) {
                h.push(0, seq(1));
            }
            assertEquals("false", h.read("e/p.active"));
            assertEquals(4, h.count(0));
            h.write("e/c.reset", "");
            h.write("e/p.active", "true");
            h.push(0, seq(1));
            h.push(0, seq(1));
            assertEquals("false", h.read("e/p.active"), "called again after a reset");
        }
        assertEquals(2, printed.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void byteCountCallIsMadeOnceWhenTheByteCountPassesN() throws Exception {
        try (Harness h = Harness.graph("input -> c :: Counter(BYTE_COUNT_CALL 100 e/u.limit 7) -> output; "
                + "Idle -> u :: Unqueue(LIMIT 1) -> Discard", 1, 1)) {
            h.push(0, seq(60));
            assertEquals("1", h.read("e/u.limit"));
            h.push(0, seq(60));
            assertEquals("7", h.read("e/u.limit"));
            h.write("e/u.limit", "1");
            h.push(0, seq(60));
            assertEquals("1", h.read("e/u.limit"), "only once");
        }
    }

    @Test
    void aFailedCallDoesNotStopThePacket() throws Exception {
        try (Harness h = Harness.element("Counter(COUNT_CALL 1 nosuch.handler)")) {
            h.push(0, seq(10));
            assertEquals(1, h.count(0));
        }
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Counter(NO_RATE sometimes)"));
        assertTrue(e.getMessage().contains("NO_RATE: "), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Counter(COUNT_CALL 10)"));
        assertTrue(e.getMessage().contains("COUNT_CALL: expected 'N HANDLER [VALUE]', got '10'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Counter(BYTE_COUNT_CALL lots stop)"));
        assertTrue(e.getMessage().contains("BYTE_COUNT_CALL: expected integer, got 'lots'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Counter(COUNT_CALL 0 stop)"));
        assertTrue(e.getMessage().contains("COUNT_CALL: must be between 1 and"), e.getMessage());
    }
}
