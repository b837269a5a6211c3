package io.jmill.driver;

/**
 * A device could not be opened or configured: the message says what and, where it can, what to
 * do about it ({@code "no such interface 'eth9'"}, {@code "permission denied opening AF_PACKET
 * socket on eth9: run as root or grant CAP_NET_RAW"}, {@code "bad queue count 0 for nic0: must be
 * between 1 and 64"}). Thrown only while opening; the data plane reports problems as counters.
 */
public class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
