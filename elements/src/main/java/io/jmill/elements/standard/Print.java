package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.io.PrintStream;
import java.util.Set;

/**
 * Prints packet contents.
 *
 * <pre>Print([LABEL, MAXLENGTH, keywords CONTENTS, TIMESTAMP, HEADROOM, ACTIVE])</pre>
 *
 * <p>Prints one line per packet to standard error, then passes the packet on unchanged. The line
 * is Click's: the LABEL and {@code ": "} (if there is a label), the timestamp and {@code ": "}
 * (with {@code TIMESTAMP true}), the length right-aligned in four columns, then {@code " | "} and
 * up to MAXLENGTH bytes of data: in hex with a space after every four bytes, or as text with a
 * space before every eight characters and {@code .} for unprintable ones. For example,
 * {@code InfiniteSource -> Print(ok) -> Discard} prints lines such as
 *
 * <pre>ok:   60 | 02000000 00020200 00000001 08004500 002e0000 00004011</pre>
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code LABEL}: string. Same as the LABEL argument. Default: none. As in Click,
 *     {@code Print(RX)} takes the uppercase word {@code RX} as the label.</li>
 * <li>{@code MAXLENGTH}: integer. Most data bytes to print; negative prints the whole packet.
 *     Default 24.</li>
 * <li>{@code CONTENTS}: {@code NONE}, {@code HEX} or {@code ASCII} (or a boolean: true is HEX).
 *     Default HEX.</li>
 * <li>{@code TIMESTAMP}: boolean. If true, print each packet's timestamp annotation as seconds
 *     since 1970, with nine decimals (JMill timestamps are in nanoseconds). Default false.</li>
 * <li>{@code HEADROOM}: boolean. If true, print each packet's headroom and tailroom as
 *     {@code (h128 t1988)} after its length. Default false.</li>
 * <li>{@code ACTIVE}: boolean. If false, print nothing. Default true.</li>
 * </ul>
 * Click's {@code PRINTANNO} and {@code CPU} are not supported.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code active} (read/write): the ACTIVE setting.</li>
 * </ul>
 *
 * <p>Print is a debugging element: it builds a string per packet.
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; Print(in, 64) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Print extends SimpleElement {
    /** Default MAXLENGTH, as in Click. */
    public static final int DEFAULT_MAXLENGTH = 24;

    private static final Set<String> KEYWORDS =
            Set.of("LABEL", "MAXLENGTH", "CONTENTS", "TIMESTAMP", "HEADROOM", "ACTIVE");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** What CONTENTS prints. */
    public enum Contents { NONE, HEX, ASCII }

    private final String label;
    private final int maxLength;
    private final Contents contents;
    private final boolean timestamp;
    private final boolean headroom;
    private final State state = new State();

    private static final class State {
        volatile boolean active;
        /** Null: standard error as it is when a line is printed (a ChatterSocket may have replaced it). */
        volatile PrintStream out;
    }

    public Print(ElementConfig c) {
        super(c);
        var args = c.args();
        var labelKeyword = args.keyword("LABEL");
        if (labelKeyword.present()) {
            label = labelKeyword.string("");
        } else {
            // Print(RX): a bare uppercase word first is the label, as in Click.
            String bare = ClickPositional.keywordLike(c, 0, KEYWORDS);
            label = bare != null ? bare : args.positional("LABEL").string("");
        }
        maxLength = args.positional("MAXLENGTH").integer(DEFAULT_MAXLENGTH);
        contents = contentsOf(args.keyword("CONTENTS"));
        timestamp = args.keyword("TIMESTAMP").bool(false);
        headroom = args.keyword("HEADROOM").bool(false);
        state.active = args.keyword("ACTIVE").bool(true);
    }

    private static Contents contentsOf(io.jmill.engine.args.Arg arg) {
        if (!arg.present()) {
            return Contents.HEX;
        }
        String word = arg.raw().strip().toLowerCase(java.util.Locale.ROOT);
        return switch (word) {
            case "true", "yes", "t", "y", "1" -> Contents.HEX;
            case "false", "no", "f", "n", "0" -> Contents.NONE;
            default -> arg.choice(Contents.class, Contents.HEX);
        };
    }

    /** Sends the lines to {@code out} instead of standard error (tests, tools). */
    public void setStream(PrintStream out) {
        state.out = out;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        if (s.active) {
            PrintStream out = s.out;
            (out != null ? out : System.err).println(format(p));
        }
        return p;
    }

    /** The line printed for {@code p}. */
    String format(Packet p) {
        int len = p.length();
        int bytes = contents == Contents.NONE ? 0 : maxLength < 0 || len < maxLength ? len : maxLength;
        StringBuilder sb = new StringBuilder(label.length() + 48 + 3 * bytes);
        String sep = "";
        if (!label.isEmpty()) {
            sb.append(label);
            sep = ": ";
        }
        if (timestamp) {
            long ns = p.timestampNanos();
            String frac = Long.toString(Math.floorMod(ns, 1_000_000_000L));
            sb.append(sep).append(Math.floorDiv(ns, 1_000_000_000L)).append('.')
                    .append("000000000", frac.length(), 9).append(frac);
            sep = ": ";
        }
        sb.append(sep);
        String length = Integer.toString(len);
        for (int i = length.length(); i < 4; i++) {
            sb.append(' ');
        }
        sb.append(length);
        if (headroom) {
            sb.append(" (h").append(p.headroom()).append(" t").append(p.tailroom()).append(')');
        }
        if (bytes > 0) {
            sb.append(" | ");
            if (contents == Contents.HEX) {
                for (int i = 0; i < bytes; i++) {
                    if (i > 0 && (i & 3) == 0) {
                        sb.append(' ');
                    }
                    int b = p.u8(i);
                    sb.append(HEX[b >>> 4]).append(HEX[b & 15]);
                }
            } else {
                for (int i = 0; i < bytes; i++) {
                    if ((i & 7) == 0) {
                        sb.append(' ');
                    }
                    int b = p.u8(i);
                    sb.append(b < 32 || b > 126 ? '.' : (char) b);
                }
            }
        }
        return sb.toString();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
    }
}
