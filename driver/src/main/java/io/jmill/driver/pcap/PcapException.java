package io.jmill.driver.pcap;

import java.io.IOException;

/**
 * A pcap file could not be opened, read or written, or is not a valid capture file. The message
 * names the file and, for problems inside it, the byte offset, e.g.
 * {@code "trace.pcap: truncated header of record 57 at offset 1234 (7 of 16 bytes)"}.
 */
public final class PcapException extends IOException {
    private final String file;
    private final long offset;

    /**
     * @param file   the file's name as the user gave it
     * @param offset byte offset the problem was found at, or -1 if it concerns the file as a whole
     * @param detail what is wrong, without the file name
     */
    public PcapException(String file, long offset, String detail) {
        super(file + ": " + detail);
        this.file = file;
        this.offset = offset;
    }

    public PcapException(String file, long offset, String detail, Throwable cause) {
        this(file, offset, detail);
        initCause(cause);
    }

    /** The file's name as given. */
    public String file() {
        return file;
    }

    /** Byte offset of the problem, or -1 when it concerns the file as a whole. */
    public long offset() {
        return offset;
    }
}
