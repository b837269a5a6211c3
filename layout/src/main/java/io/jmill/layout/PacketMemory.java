package io.jmill.layout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * The one off-heap memory that holds every packet buffer, reached through a single
 * {@code static final} segment so that the JIT can treat it as a constant on hot paths.
 *
 * <p>Its size is fixed at start-up from the system property {@value #SIZE_PROPERTY} (for example
 * {@code -Djmill.memory=512m}; the {@code jmill} command sets it from {@code --memory}); the
 * default is {@value #DEFAULT_SIZE_TEXT}. Set the property before the first packet is touched.
 *
 * <p>Accesses whose address is valid by construction (metadata at a layout offset of a slot, a
 * driver's descriptor and completion writes) go to {@link #ADDRESS} plus the offset through
 * Agrona's {@code UnsafeApi}, without the segment's bounds check; everything else, in particular
 * packet data at offsets an element computes, goes through {@link #MEMORY} and is checked.
 */
public final class PacketMemory {
    /** System property that sizes the packet memory: a byte count with optional k/m/g suffix. */
    public static final String SIZE_PROPERTY = "jmill.memory";
    static final String DEFAULT_SIZE_TEXT = "256m";

    /** Size of the packet memory in bytes. */
    public static final long SIZE = parseSize(System.getProperty(SIZE_PROPERTY, DEFAULT_SIZE_TEXT));

    /** The packet memory itself, page aligned, never freed. */
    public static final MemorySegment MEMORY = Arena.global().allocate(SIZE, 4096);

    /** Native address of {@link #MEMORY}'s first byte: offset {@code o} of the memory is at {@code ADDRESS + o}. */
    public static final long ADDRESS = MEMORY.address();

    private PacketMemory() {
    }

    /**
     * Parses a memory size such as {@code 65536}, {@code 64k}, {@code 256m} or {@code 1g}
     * (binary units).
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
            if (unit != 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            long value = Long.parseLong(t) * unit;
            if (value < PacketPool.SLOT_SIZE * 64L) {
                throw new IllegalArgumentException("packet memory '" + text + "' is too small (at least "
                        + (PacketPool.SLOT_SIZE * 64L / 1024) + "k)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad packet memory size '" + text + "' (expected e.g. 256m or 1g)");
        }
    }
}
