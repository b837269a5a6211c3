package io.jmill.layout;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packet memory is mapped in huge-page-sized pieces and advised for huge pages on Linux. */
class PacketMemoryTest {
    @Test
    void onLinuxTheMemoryIsMappedAlignedAndAdvisedForHugePages() throws Exception {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        assertEquals("mmap, huge pages advised", PacketMemory.origin(),
                "the kernel refused MADV_HUGEPAGE or the mapping failed");
        assertEquals(0, PacketMemory.ADDRESS % (2 << 20), "2 MiB aligned");
        // The memory is zeroed and usable to its last byte.
        assertEquals(0, PacketMemory.MEMORY.get(java.lang.foreign.ValueLayout.JAVA_BYTE, PacketMemory.SIZE - 1));
        String smaps = Files.readString(Path.of("/proc/self/smaps"));
        String start = Long.toHexString(PacketMemory.ADDRESS);
        assertTrue(smaps.contains(start + "-"), "the mapping starts at the aligned address: " + start);
    }

    @Test
    void sizesParseWithUnitsAndTooSmallOrBadOnesAreRefused() {
        assertEquals(64L << 20, PacketMemory.parseSize("64m"));
        assertEquals(1L << 30, PacketMemory.parseSize("1G"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PacketMemory.parseSize("12")).getMessage().contains("too small"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PacketMemory.parseSize("lots")).getMessage().contains("bad packet memory size"));
    }
}
