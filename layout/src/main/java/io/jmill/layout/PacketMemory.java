package io.jmill.layout;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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
 *
 * <p>On Linux the memory is mapped with {@code mmap}, aligned to 2 MiB and advised to the kernel
 * for transparent huge pages ({@code madvise(MADV_HUGEPAGE)}), as DPDK puts its buffers in huge
 * pages: packets a few kilobytes apart would otherwise each cost a TLB miss (a replayed trace of
 * 4096 packets spans 10 MB). Whether the kernel grants them depends on
 * {@code /sys/kernel/mm/transparent_hugepage/enabled} being {@code madvise} or {@code always};
 * {@value #HUGE_PAGES_PROPERTY}{@code =false} asks for none. Elsewhere, or if the calls fail, it is
 * ordinary memory from the JVM.
 */
public final class PacketMemory {
    /** System property that sizes the packet memory: a byte count with optional k/m/g suffix. */
    public static final String SIZE_PROPERTY = "jmill.memory";
    static final String DEFAULT_SIZE_TEXT = "256m";

    /** Size of the packet memory in bytes. */
    public static final long SIZE = parseSize(System.getProperty(SIZE_PROPERTY, DEFAULT_SIZE_TEXT));

    /** System property that turns the huge-page advice off: {@code -Djmill.memory.hugepages=false}. */
    public static final String HUGE_PAGES_PROPERTY = "jmill.memory.hugepages";

    private static final long HUGE_PAGE = 2L << 20;

    /** How the memory was obtained: "mmap, huge pages advised", "mmap" or "JVM arena" (with the reason). */
    private static String origin = "JVM arena";

    /** The packet memory itself, zeroed, page aligned (2 MiB aligned when mapped), never freed. */
    public static final MemorySegment MEMORY = map(SIZE);

    /** Native address of {@link #MEMORY}'s first byte: offset {@code o} of the memory is at {@code ADDRESS + o}. */
    public static final long ADDRESS = MEMORY.address();

    private PacketMemory() {
    }

    /** How the memory was obtained, for the pool's statistics: mapped with huge pages advised, or not. */
    public static String origin() {
        return origin;
    }

    private static MemorySegment map(long size) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Arena.global().allocate(size, 4096);
        }
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MethodHandle mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
            MethodHandle madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT));
            final int protReadWrite = 0x3;
            final int mapPrivateAnonymous = 0x02 | 0x20;
            final int madvHugePage = 14;
            long mapped = (long) mmap.invokeExact(0L, size + HUGE_PAGE, protReadWrite, mapPrivateAnonymous, -1, 0L);
            if (mapped == -1L) {
                origin = "JVM arena (mmap failed)";
                return Arena.global().allocate(size, 4096);
            }
            long aligned = (mapped + HUGE_PAGE - 1) & -HUGE_PAGE;
            origin = "mmap";
            if (Boolean.parseBoolean(System.getProperty(HUGE_PAGES_PROPERTY, "true"))) {
                int r = (int) madvise.invokeExact(aligned, (size + HUGE_PAGE - 1) & -HUGE_PAGE, madvHugePage);
                origin = r == 0 ? "mmap, huge pages advised" : "mmap (huge pages refused)";
            }
            return MemorySegment.ofAddress(aligned).reinterpret(size);
        } catch (Throwable e) {
            origin = "JVM arena (" + e + ")";
            return Arena.global().allocate(size, 4096);
        }
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
