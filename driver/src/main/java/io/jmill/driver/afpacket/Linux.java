package io.jmill.driver.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libc calls AF_PACKET needs, bound through the FFM API (Linux x86_64), each capturing
 * {@code errno} into a per-caller state segment ({@link #newErrnoState()}), plus the constants of
 * {@code <linux/if_packet.h>}, {@code <sys/socket.h>}, {@code <sys/mman.h>} and {@code <poll.h>}.
 * Pointers the data path passes (send buffers) are declared as {@code long} so that no segment
 * is made per call.
 */
@SuppressWarnings("restricted") // binding libc is the point of this class
final class Linux {
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOL_PACKET = 263;
    static final int ETH_P_ALL = 0x0003;

    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_FANOUT = 18;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_FANOUT_HASH = 0;
    static final int PACKET_FANOUT_FLAG_DEFRAG = 0x8000;
    static final int TPACKET_V3 = 2;
    static final int TP_FT_REQ_FILL_RXHASH = 1;

    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    static final int TP_STATUS_LOSING = 1 << 2;
    static final int TP_STATUS_VLAN_VALID = 1 << 4;
    static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;
    static final int TP_STATUS_CSUM_VALID = 1 << 7;

    static final int PACKET_OUTGOING = 4;

    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final short POLLIN = 1;
    static final short POLLOUT = 4;
    static final short POLLERR = 8;
    static final int MSG_DONTWAIT = 0x40;

    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENETDOWN = 100;
    static final int ENOBUFS = 105;

    // struct tpacket_block_desc: version, offset_to_priv, then struct tpacket_hdr_v1
    static final int BLOCK_STATUS = 8;
    static final int BLOCK_NUM_PKTS = 12;
    static final int BLOCK_FIRST_PKT = 16;
    // struct tpacket3_hdr
    static final int TP_NEXT_OFFSET = 0;
    static final int TP_SEC = 4;
    static final int TP_NSEC = 8;
    static final int TP_SNAPLEN = 12;
    static final int TP_LEN = 16;
    static final int TP_STATUS = 20;
    static final int TP_MAC = 24;
    static final int TP_RXHASH = 28;
    static final int TP_VLAN_TCI = 32;
    static final int TP_VLAN_TPID = 36;
    /** struct sockaddr_ll follows the header at TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) = 48. */
    static final int TP_SLL = 48;
    static final int SLL_PKTTYPE = 10;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle GETSOCKOPT = bind("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle MMAP = bind("mmap",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    static final MethodHandle MUNMAP = bind("munmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
    static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle SEND = bind("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    static final MethodHandle IF_NAMETOINDEX = bind("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Linux() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, fd, Linker.Option.captureCallState("errno"));
    }

    /** A segment to pass as the first argument of every call above; holds errno afterwards. */
    static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** The C library's text for {@code errno}, e.g. "No such device". */
    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** {@code htons}: the protocol number as the kernel wants it in socket() and sockaddr_ll. */
    static int htons(int v) {
        return ((v & 0xFF) << 8) | ((v >>> 8) & 0xFF);
    }

}
