package io.jmill.engine.args;

import java.util.List;
import java.util.Locale;

/**
 * One argument value, possibly absent, with typed getters; obtained from {@link Args}.
 *
 * <p>Every getter follows the same contract: if the argument is absent it returns the default; if it is present
 * and well-formed it returns the parsed value; if it is malformed it records an error naming the argument (for
 * instance {@code "LIMIT: expected integer, got 'x'"}), which {@link Args#complete()} will report, and returns
 * the default. Getters never throw. The whole text must parse: {@code "10x"} is not 10.
 *
 * <pre>{@code
 * int burst = args.keyword("BURST").integer(32, 1, 1024);     // "BURST 64"
 * long interval = args.keyword("INTERVAL").durationNanos(1_000_000_000L);  // "INTERVAL 10ms"
 * }</pre>
 *
 * <p>A keyword given bare, with no value ({@code VERBOSE}), is present with an empty {@link #raw()}: only
 * {@link #bool(boolean)} accepts it (as true); other getters report {@code "NAME: missing value"}.
 */
public final class Arg {
    /** A value parser that signals malformed input with {@link ValueException}. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String text) throws ValueException;
    }

    private final Args owner;
    private final String name;
    private final String raw;

    Arg(Args owner, String name, String raw) {
        this.owner = owner;
        this.name = name;
        this.raw = raw;
    }

    /** Whether the argument was given. */
    public boolean present() {
        return raw != null;
    }

    /** The argument's name (its keyword, positional name, or {@code "argument N"}); used in error messages. */
    public String name() {
        return name;
    }

    /** The text as written (after the keyword, if any; quotes kept), or null if absent. */
    public String raw() {
        return raw;
    }

    /**
     * A Click string: {@code "..."} with backslash escapes, {@code '...'} taken literally, unquoted text as is,
     * adjacent pieces concatenated. {@code "a\tb"} gives a, tab, b.
     */
    public String string(String dflt) {
        return parse(dflt, Unquoter::toText);
    }

    /**
     * A Click data string, as InfiniteSource's DATA: like {@link #string(String)} but yielding bytes, with hex
     * blocks {@code \<0a 0b cc>} (spaces ignored) inside or outside quotes, and escapes such as {@code \n},
     * {@code \x41} and {@code \101}. Literal text is encoded as UTF-8. {@code "GET\r\n"\<00 ff>} gives
     * 7 bytes.
     */
    public byte[] data(byte[] dflt) {
        return parse(dflt, Unquoter::toBytes);
    }

    /** true/yes/t/y/1 or false/no/f/n/0, case-insensitive; a bare keyword ({@code VERBOSE}) means true. */
    public boolean bool(boolean dflt) {
        if (raw != null && raw.isEmpty()) {
            return true;
        }
        return parse(dflt, NumberParser::parseBool);
    }

    /** A 32-bit integer: decimal or {@code 0x} hex, optional sign ({@code -5}, {@code 0x1F}). No octal. */
    public int integer(int dflt) {
        return parse(dflt, text -> (int) NumberParser.parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** {@link #integer(int)} that must lie in [{@code min}, {@code max}]: "BURST: must be between 1 and 1024, got 0". */
    public int integer(int dflt, int min, int max) {
        return parse(dflt, text -> (int) inBounds(
                NumberParser.parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE), min, max));
    }

    /** A 64-bit integer, in the same syntax as {@link #integer(int)}. */
    public long longValue(long dflt) {
        return parse(dflt, text -> NumberParser.parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** {@link #longValue(long)} that must lie in [{@code min}, {@code max}]. */
    public long longValue(long dflt, long min, long max) {
        return parse(dflt, text -> inBounds(NumberParser.parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE), min, max));
    }

    /** A decimal real such as {@code 0.5}, {@code -2}, {@code 1e-3}; no NaN or infinity. */
    public double real(double dflt) {
        return parse(dflt, NumberParser::parseReal);
    }

    /** A dotted-quad IPv4 address as a network-order int: {@code 10.0.0.1} is {@code 0x0A000001}. */
    public int ipAddress(int dflt) {
        return parse(dflt, AddressParser::parseIp);
    }

    /**
     * An IPv4 prefix: {@code 10.0.0.0/8}, {@code 10.0.0.0/255.0.0.0}, {@code 10.0.0.0 255.0.0.0}, or a bare
     * address meaning /32. The netmask must be contiguous. Host bits in the address are kept.
     */
    public IPPrefix ipPrefix(IPPrefix dflt) {
        return parse(dflt, AddressParser::parsePrefix);
    }

    /**
     * An Ethernet address, six hex octets separated by ':' or '-' ({@code 00:1b:21:3a:4f:5c}), as a 48-bit value
     * in a long, first octet most significant.
     */
    public long etherAddress(long dflt) {
        return parse(dflt, AddressParser::parseEther);
    }

    /**
     * A duration in nanoseconds (Click's SecondsArg): a non-negative number with an optional unit among s/sec,
     * ms/msec, us/usec, ns/nsec, m/min, h/hr, d/day; a bare number is seconds. {@code "1.5s"}, {@code "10ms"},
     * {@code "2min"}. Rounded to the nearest nanosecond.
     */
    public long durationNanos(long dflt) {
        return parse(dflt, UnitParser::parseDurationNanos);
    }

    /**
     * Events (packets) per second: a non-negative number with an optional SI multiplier k/K, M, G, T (powers of
     * 1000) and an optional {@code pps} or {@code /s}: {@code "1000"}, {@code "10k"}, {@code "2.5Mpps"}.
     */
    public double rate(double dflt) {
        return parse(dflt, UnitParser::parseRate);
    }

    /**
     * A bandwidth in bits per second (Click's BandwidthArg): a number, an optional SI multiplier k/K, M, G, T, and a
     * unit: {@code bps}, {@code b/s} or {@code baud} for bits, {@code Bps} or {@code B/s} for bytes.
     * {@code "10Mbps"} is 1e7 and {@code "1.5GB/s"} is 1.2e10. Unlike Click, which assumes bytes with a warning,
     * a bare non-zero number is an error ({@code "RATE: missing unit (bps or Bps), got '1000'"}).
     */
    public double bandwidthBitsPerSecond(double dflt) {
        return parse(dflt, UnitParser::parseBandwidthBits);
    }

    /**
     * A memory size in bytes: a number with an optional binary multiplier k, m, g, t (powers of 1024, any case),
     * optionally followed by {@code b} or {@code ib}: {@code "64"}, {@code "2k"}, {@code "256MB"}, {@code "1GiB"}.
     * The result must be a whole number of bytes ({@code "1.5k"} is 1536).
     */
    public long byteSize(long dflt) {
        return parse(dflt, UnitParser::parseByteSize);
    }

    /**
     * One of an enum's constants by name, ignoring case and treating '-' as '_' ({@code round-robin} is
     * {@code ROUND_ROBIN}). The value may be quoted. A bad value lists the choices:
     * {@code "MODE: expected one of FAST, SLOW, got 'medium'"}.
     */
    public <E extends Enum<E>> E choice(Class<E> type, E dflt) {
        return parse(dflt, text -> {
            String wanted = Unquoter.toText(text).replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(wanted)) {
                    return constant;
                }
            }
            List<String> names = List.of(type.getEnumConstants()).stream().map(Enum::name).toList();
            throw new ValueException("expected one of " + String.join(", ", names) + ", got '" + text + "'");
        });
    }

    /**
     * The raw text split at whitespace outside quotes and {@code \<...>} blocks, quotes kept
     * ({@code a "b c" d} gives {@code a}, {@code "b c"}, {@code d}); empty if absent.
     */
    public List<String> words() {
        return raw == null ? List.of() : List.copyOf(ConfigSplitter.splitWords(raw));
    }

    @Override
    public String toString() {
        return raw == null ? name + " (absent)" : name + " " + raw;
    }

    private <T> T parse(T dflt, Parser<T> parser) {
        if (raw == null) {
            return dflt;
        }
        if (raw.isEmpty()) {
            owner.valueError(name + ": missing value");
            return dflt;
        }
        try {
            return parser.parse(raw);
        } catch (ValueException e) {
            owner.valueError(name + ": " + e.getMessage());
            return dflt;
        }
    }

    /** Bounds apply to given values only: a default outside them (such as -1 for "unset") is the caller's choice. */
    private static long inBounds(long value, long min, long max) throws ValueException {
        if (value < min || value > max) {
            throw new ValueException("must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
