package io.jmill.driver.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/** Drops a capability from the calling thread's effective set (capabilities are per thread in Linux). */
@SuppressWarnings("restricted")
public final class Capabilities {
    public static final int CAP_NET_RAW = 13;
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_SYS_ADMIN = 21;
    public static final int CAP_BPF = 39;
    private static final int VERSION_3 = 0x20080522;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CAPGET = LINKER.downcallHandle(LINKER.defaultLookup().find("capget").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CAPSET = LINKER.downcallHandle(LINKER.defaultLookup().find("capset").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    private Capabilities() {
    }

    /** Removes {@code cap} from this thread's effective set; false if that failed. */
    public static boolean dropEffective(int cap) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment header = a.allocate(8, 4);
            header.set(ValueLayout.JAVA_INT, 0, VERSION_3);
            header.set(ValueLayout.JAVA_INT, 4, 0);
            MemorySegment data = a.allocate(24, 4);
            if ((int) CAPGET.invokeExact(header, data) != 0) {
                return false;
            }
            int word = cap / 32;
            int effective = data.get(ValueLayout.JAVA_INT, word * 12L);
            data.set(ValueLayout.JAVA_INT, word * 12L, effective & ~(1 << (cap % 32)));
            return (int) CAPSET.invokeExact(header, data) == 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
