package io.jmill.driver.pcap;

import io.jmill.layout.MetadataField;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Constants of libpcap's classic file format.
 *
 * <pre>
 * file header (24 bytes): magic u32, version major u16 (2), minor u16 (4), thiszone s32,
 *                         sigfigs u32, snaplen u32, link type u32
 * record header (16 bytes): ts seconds u32, ts fraction u32 (µs or ns, by magic),
 *                           captured length u32, original length u32; then the captured bytes
 * </pre>
 *
 * All fields are in the byte order of the machine that wrote the file; the magic tells which.
 */
public final class PcapFormat {
    /** Magic of files with microsecond timestamps, as a number (its bytes depend on the byte order). */
    public static final int MAGIC_MICROS = 0xA1B2C3D4;
    /** Magic of files with nanosecond timestamps. */
    public static final int MAGIC_NANOS = 0xA1B23C4D;
    /** Magic of Alexey Kuznetzov's "modified" pcap format (longer record headers); recognized, not read. */
    public static final int MAGIC_MODIFIED = 0xA1B2CD34;
    /** First four bytes of a pcapng file (section header block type); recognized, not read. */
    public static final int MAGIC_PCAPNG = 0x0A0D0D0A;

    public static final int VERSION_MAJOR = 2;
    public static final int VERSION_MINOR = 4;
    public static final int FILE_HEADER_SIZE = 24;
    public static final int RECORD_HEADER_SIZE = 16;

    /** Link type of Ethernet (DLT_EN10MB). */
    public static final int LINKTYPE_ETHERNET = 1;
    /** Link type of raw IPv4/IPv6 packets without a link-layer header (LINKTYPE_RAW). */
    public static final int LINKTYPE_RAW = 101;
    /** DLT_RAW as some systems write it for raw IP; read like {@link #LINKTYPE_RAW}. */
    public static final int LINKTYPE_RAW_DLT = 12;

    /**
     * Records whose captured length exceeds both the file's snap length and this are corrupt
     * (libpcap's historical maximum packet size).
     */
    public static final long MIN_RECORD_LIMIT = 65535;

    /** Largest snap length a file can declare: the field is an unsigned 32-bit number. */
    public static final long MAX_SNAPLEN = 0xFFFF_FFFFL;

    /**
     * Packet annotation for the bytes of the original packet that are not in the packet's data
     * (Click's EXTRA_LENGTH_ANNO): the reader sets it to original length minus the bytes kept, the
     * writer adds it to the length it records as original. Registered as the named annotation
     * {@code extra_length} (4 bytes).
     */
    public static final MetadataField EXTRA_LENGTH = MetadataField.register("extra_length", 4);

    private PcapFormat() {
    }

    /** A short name for a link type, e.g. {@code IEEE802_11} for 105, or {@code "unknown"}. */
    public static String linkTypeName(int linkType) {
        return switch (linkType) {
            case 0 -> "NULL";
            case LINKTYPE_ETHERNET -> "ETHERNET";
            case 6 -> "IEEE802_5";
            case 9 -> "PPP";
            case 10 -> "FDDI";
            case LINKTYPE_RAW_DLT, LINKTYPE_RAW -> "RAW";
            case 104 -> "C_HDLC";
            case 105 -> "IEEE802_11";
            case 113 -> "LINUX_SLL";
            case 127 -> "IEEE802_11_RADIOTAP";
            case 228 -> "IPV4";
            case 229 -> "IPV6";
            case 276 -> "LINUX_SLL2";
            default -> "unknown";
        };
    }

    /** True for link types the reader accepts: Ethernet and raw IP. */
    public static boolean isSupportedLinkType(int linkType) {
        return linkType == LINKTYPE_ETHERNET || linkType == LINKTYPE_RAW || linkType == LINKTYPE_RAW_DLT;
    }

    /** True for the raw-IP link types (packets start with the IP header). */
    public static boolean isRawIp(int linkType) {
        return linkType == LINKTYPE_RAW || linkType == LINKTYPE_RAW_DLT;
    }

    /** What went wrong with a file system call, in words a user can act on. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
