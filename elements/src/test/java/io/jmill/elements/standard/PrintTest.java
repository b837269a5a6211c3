package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrintTest {

    /** The lines {@code declaration} prints for packets holding {@code data}, which must come out unchanged. */
    private static List<String> print(String declaration, byte[]... data) throws Exception {
        return print(declaration, p -> { }, data);
    }

    private static List<String> print(String declaration, Consumer<Packet> setUp, byte[]... data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Harness h = Harness.element(declaration)) {
            ((Print) h.element()).setStream(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            for (byte[] d : data) {
                Packet p = Harness.packet(d);
                setUp.accept(p);
                h.push(0, p);
            }
            assertEquals(data.length, h.count(0));
            for (int i = 0; i < data.length; i++) {
                assertArrayEquals(data[i], h.outputBytes(0).get(i));
            }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        return out.isEmpty() ? List.of() : List.of(out.split(System.lineSeparator()));
    }

    @Test
    void clicksFormatWithLabelLengthAndHex() throws Exception {
        assertEquals(List.of("ok:   30 | 00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617"),
                print("Print(ok)", seq(30)));
    }

    @Test
    void theManualPageExample() throws Exception {
        assertEquals(List.of("ok:   60 | 02000000 00020200 00000001 08004500 002e0000 00004011"),
                print("Print(ok)", InfiniteSource.DEFAULT_DATA));
    }

    @Test
    void withoutLabel() throws Exception {
        assertEquals(List.of("   5 | 00010203 04"), print("Print", seq(5)));
    }

    @Test
    void uppercaseWordLabelAsInClick() throws Exception {
        assertEquals(List.of("RX:    5 | 00010203"), print("Print(RX, 4)", seq(5)));
        assertEquals(List.of("HELLO WORLD:    2 | 0001"), print("Print(HELLO WORLD)", seq(2)));
        assertEquals(List.of("x y:    2 | 0001"), print("Print(\"x y\")", seq(2)));
        assertEquals(List.of("lbl:    2 | 0001"), print("Print(MAXLENGTH 8, LABEL lbl)", seq(2)));
        assertEquals(List.of("lbl:    3 | 0001"), print("Print(LABEL lbl, 2)", seq(3)));
        assertEquals(List.of("   3 | 000102"), print("Print(TIMESTAMP false)", seq(3)));
    }

    @Test
    void maxLength() throws Exception {
        assertEquals(List.of("a:   30 | 00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d"),
                print("Print(a, -1)", seq(30)));
        assertEquals(List.of("a:   30"), print("Print(a, 0)", seq(30)));
        assertEquals(List.of("a:    0"), print("Print(a)", new byte[0]));
    }

    @Test
    void contents() throws Exception {
        byte[] hello = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("t:   14 |  Hello, w orld!."), print("Print(t, CONTENTS ASCII)", hello));
        assertEquals(List.of("t:   14"), print("Print(t, CONTENTS NONE)", hello));
        assertEquals(List.of("t:   14"), print("Print(t, CONTENTS false)", hello));
        assertEquals(List.of("t:   14 | 48656c6c"), print("Print(t, 4, CONTENTS hex)", hello));
    }

    @Test
    void timestampAndHeadroom() throws Exception {
        assertEquals(List.of("ts: 1500000000.012345678:    5 | 00010203 04"),
                print("Print(ts, TIMESTAMP true)", p -> p.setTimestampNanos(1_500_000_000_012_345_678L), seq(5)));
        assertEquals(List.of("   5 (h128 t2043) | 00010203 04"), print("Print(HEADROOM true)", seq(5)));
    }

    @Test
    void inactivePrintsNothingButPassesPackets() throws Exception {
        assertEquals(List.of(), print("Print(x, ACTIVE false)", seq(5), seq(6)));
    }

    @Test
    void activeHandler() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Harness h = Harness.element("Print(x)")) {
            ((Print) h.element()).setStream(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            h.write("active", "false");
            h.push(0, seq(3));
            assertEquals("false", h.read("active"));
            h.write("active", "true");
            h.push(0, seq(3));
        }
        assertEquals("x:    3 | 000102" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsPulledPackets() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Harness h = Harness.graph("input -> Queue -> p :: Print(pulled) -> output", 1, 1)) {
            ((Print) h.router().element("e/p")).setStream(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            h.push(0, seq(2));
            h.pull(0);
        }
        assertEquals("pulled:    2 | 0001" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Print(x, CONTENTS maybe)"));
        assertTrue(e.getMessage().contains("CONTENTS: expected one of NONE, HEX, ASCII, got 'maybe'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Print(x, many)"));
        assertTrue(e.getMessage().contains("MAXLENGTH: expected integer"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Print(x, TIMESTMP true)"));
        assertTrue(e.getMessage().contains("unknown keyword 'TIMESTMP' (did you mean TIMESTAMP?)"), e.getMessage());
    }
}
