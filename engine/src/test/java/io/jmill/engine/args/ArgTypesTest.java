package io.jmill.engine.args;

import static io.jmill.engine.args.Probe.bad;
import static io.jmill.engine.args.Probe.ok;
import static io.jmill.engine.args.Probe.okBool;
import static io.jmill.engine.args.Probe.okDouble;
import static io.jmill.engine.args.Probe.okInt;
import static io.jmill.engine.args.Probe.okLong;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Booleans, numbers, choices, strings, data strings and words. */
class ArgTypesTest {
    enum Mode { FAST, SLOW, ROUND_ROBIN }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "Yes", "1", "t", "y"})
    void boolTrue(String text) {
        assertEquals(true, okBool(text, a -> a.bool(false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "no", "NO", "0", "f", "n"})
    void boolFalse(String text) {
        assertEquals(false, okBool(text, a -> a.bool(true)));
    }

    @Test
    void boolRejectsGarbage() {
        assertEquals("X: expected boolean, got 'maybe'", bad("maybe", a -> a.bool(true), true));
        assertEquals("X: expected boolean, got 'truex'", bad("truex", a -> a.bool(false), false));
        assertEquals("X: expected boolean, got '2'", bad("2", a -> a.bool(false), false));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "42, 42", "-42, -42", "+7, 7", "0x1F, 31", "0XfF, 255", "-0x10, -16", "010, 10",
            "2147483647, 2147483647", "-2147483648, -2147483648", "0x7fffffff, 2147483647"})
    void integers(String text, int expected) {
        assertEquals(expected, okInt(text, a -> a.integer(-1)));
    }

    @Test
    void integerRejectsGarbageAndOverflow() {
        assertEquals("X: expected integer, got '10x'", bad("10x", a -> a.integer(5), 5));
        assertEquals("X: expected integer, got '1.5'", bad("1.5", a -> a.integer(5), 5));
        assertEquals("X: expected integer, got '0x'", bad("0x", a -> a.integer(5), 5));
        assertEquals("X: expected integer, got '- 1'", bad("- 1", a -> a.integer(5), 5));
        assertEquals("X: expected integer, got '１２'", bad("１２", a -> a.integer(5), 5));
        assertEquals("X: integer out of range, got '2147483648'", bad("2147483648", a -> a.integer(5), 5));
        assertEquals("X: integer out of range, got '-2147483649'", bad("-2147483649", a -> a.integer(5), 5));
        assertEquals("X: integer out of range, got '0xFFFFFFFF'", bad("0xFFFFFFFF", a -> a.integer(5), 5));
    }

    @Test
    void integerBounds() {
        assertEquals(1, okInt("1", a -> a.integer(32, 1, 1024)));
        assertEquals(1024, okInt("1024", a -> a.integer(32, 1, 1024)));
        assertEquals("X: must be between 1 and 1024, got 0", bad("0", a -> a.integer(32, 1, 1024), 32));
        assertEquals("X: must be between 1 and 1024, got 1025", bad("0x401", a -> a.integer(32, 1, 1024), 32));
        assertEquals("X: expected integer, got 'z'", bad("z", a -> a.integer(32, 1, 1024), 32));
    }

    @Test
    void boundsDoNotApplyToTheDefault() throws ArgsException {
        Args args = new Args("q", "LIMIT x");
        assertEquals(-1, args.keyword("LIMIT").integer(-1, 0, 10));
        assertEquals(-1L, args.keyword("OTHER").longValue(-1, 0, 10));
        assertEquals("LIMIT: expected integer, got 'x'", assertThrows(ArgsException.class, args::complete).getMessage());

        Args absent = new Args("q", "");
        assertEquals(-1, absent.keyword("LIMIT").integer(-1, 0, 10));
        absent.complete();
    }

    @Test
    void longValues() {
        assertEquals(Long.MAX_VALUE, okLong("9223372036854775807", a -> a.longValue(0)));
        assertEquals(Long.MIN_VALUE, okLong("-9223372036854775808", a -> a.longValue(0)));
        assertEquals(0xFFFFFFFFL, okLong("0xFFFFFFFF", a -> a.longValue(0)));
        assertEquals("X: integer out of range, got '9223372036854775808'",
                bad("9223372036854775808", a -> a.longValue(3), 3L));
        assertEquals("X: expected integer, got '5k'", bad("5k", a -> a.longValue(3), 3L));
        assertEquals(-1L, okLong("-1", a -> a.longValue(0, -1, 10)));
        assertEquals("X: must be between -1 and 10, got 11", bad("11", a -> a.longValue(0, -1, 10), 0L));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1.5, 1.5", "-2, -2", ".5, 0.5", "5., 5", "1e3, 1000", "2.5E-3, 0.0025", "+3, 3"})
    void reals(String text, double expected) {
        assertEquals(expected, okDouble(text, a -> a.real(-1)));
    }

    @Test
    void realRejectsSpecialsAndGarbage() {
        assertEquals("X: expected real number, got 'NaN'", bad("NaN", a -> a.real(1), 1.0));
        assertEquals("X: expected real number, got 'Infinity'", bad("Infinity", a -> a.real(1), 1.0));
        assertEquals("X: expected real number, got '1.5d'", bad("1.5d", a -> a.real(1), 1.0));
        assertEquals("X: expected real number, got '0x1p3'", bad("0x1p3", a -> a.real(1), 1.0));
        assertEquals("X: real number out of range, got '1e999'", bad("1e999", a -> a.real(1), 1.0));
    }

    @Test
    void choices() {
        assertEquals(Mode.SLOW, ok("slow", a -> a.choice(Mode.class, Mode.FAST)));
        assertEquals(Mode.SLOW, ok("SlOw", a -> a.choice(Mode.class, Mode.FAST)));
        assertEquals(Mode.ROUND_ROBIN, ok("round-robin", a -> a.choice(Mode.class, Mode.FAST)));
        assertEquals(Mode.ROUND_ROBIN, ok("\"ROUND_ROBIN\"", a -> a.choice(Mode.class, Mode.FAST)));
        assertEquals("X: expected one of FAST, SLOW, ROUND_ROBIN, got 'medium'",
                bad("medium", a -> a.choice(Mode.class, Mode.FAST), Mode.FAST));
    }

    @Test
    void uppercasePositionalChoiceWorksQuoted() throws ArgsException {
        Args args = new Args("t", "f.pcap, \"SLOW\"");
        args.positional("FILE");
        assertEquals(Mode.SLOW, args.positional("MODE").choice(Mode.class, Mode.FAST));
        args.complete();
    }

    @Test
    void strings() {
        assertEquals("hello", ok("hello", a -> a.string(null)));
        assertEquals("a b", ok("a b", a -> a.string(null)));
        assertEquals("a, b", ok("\"a, b\"", a -> a.string(null)));
        assertEquals("tab\there\nquote\"back\\", ok("\"tab\\there\\nquote\\\"back\\\\\"", a -> a.string(null)));
        assertEquals("lit\\n", ok("'lit\\n'", a -> a.string(null)));
        assertEquals("abcd", ok("\"ab\"'c'd", a -> a.string(null)));
        assertEquals("", ok("\"\"", a -> a.string("d")));
        assertEquals("x\\y", ok("x\\y", a -> a.string(null)));
        assertEquals("AB", ok("\"\\101\\x42\"", a -> a.string(null)));
        assertEquals("q", ok("\"\\q\"", a -> a.string(null)));
        assertEquals("ab", ok("\"a\\\nb\"", a -> a.string(null)));
        assertEquals("héllo", ok("\"héllo\"", a -> a.string(null)));
    }

    @Test
    void stringErrors() {
        assertEquals("X: unterminated \" quote", bad("\"abc", a -> a.string("d"), "d"));
        assertEquals("X: unterminated ' quote", bad("'abc", a -> a.string("d"), "d"));
        assertEquals("X: unterminated \" quote", bad("\"abc\\", a -> a.string("d"), "d"));
    }

    @Test
    void dataHexBlocksAndEscapes() {
        assertArrayEquals(new byte[] {0x0a, 0x0b, (byte) 0xcc}, ok("\\<0a 0B cc>", a -> a.data(null)));
        assertArrayEquals(new byte[] {0x0a, 0x0b, (byte) 0xcc}, ok("\"\\<0a0bcc>\"", a -> a.data(null)));
        assertArrayEquals("GET\r\n".getBytes(StandardCharsets.US_ASCII),
                ok("\"GET\\r\\n\"", a -> a.data(null)));
        assertArrayEquals(new byte[] {'h', 'i', 0, (byte) 0xff, 'A', 7, 8, 9, 11, 12},
                ok("\"hi\"\\<00 ff>\"\\x41\\a\\b\\t\\v\\f\"", a -> a.data(null)));
        assertArrayEquals(new byte[] {(byte) 0xff, 'z'}, ok("\"\\377z\"", a -> a.data(null)));
        assertArrayEquals(new byte[] {(byte) 0xc3, (byte) 0xa9}, ok("\"é\"", a -> a.data(null)));
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, ok("\"\\x61bc\"", a -> a.data(null)));
        assertArrayEquals(new byte[0], ok("\"\"", a -> a.data(null)));
    }

    @Test
    void dataCommasInsideHexAndQuotesDoNotSplit() throws ArgsException {
        Args args = new Args("s", "DATA \"a,b\" \\<2c>, LIMIT 1");
        assertArrayEquals(new byte[] {'a', ',', 'b', ' ', ','}, args.keyword("DATA").data(null));
        assertEquals(1, args.keyword("LIMIT").integer(0));
        args.complete();
    }

    @Test
    void dataErrors() {
        byte[] dflt = {1};
        assertEquals("X: bad hex digit 'g' in \\<...> block", bad("\\<0g>", a -> a.data(dflt), dflt));
        assertEquals("X: odd number of hex digits in \\<...> block", bad("\\<abc>", a -> a.data(dflt), dflt));
        assertEquals("X: unterminated \\<...> hex block", bad("\\<00 11", a -> a.data(dflt), dflt));
        assertEquals("X: \\x escape without hex digits", bad("\"\\xg\"", a -> a.data(dflt), dflt));
        assertEquals("X: octal escape \\777 is above \\377", bad("\"\\777\"", a -> a.data(dflt), dflt));
    }

    @Test
    void words() {
        assertEquals(List.of("a", "\"b c\"", "'d e'", "\\<00 11>", "f"),
                ok("a  \"b c\" 'd e' \\<00 11>\tf", Arg::words));
        assertEquals(List.of("one"), ok("one", Arg::words));
    }

    @Test
    void toStringShowsNameAndValue() {
        Args args = new Args("q", "LIMIT 5");
        assertEquals("LIMIT 5", args.keyword("LIMIT").toString());
        assertEquals("OTHER (absent)", args.keyword("OTHER").toString());
    }
}
