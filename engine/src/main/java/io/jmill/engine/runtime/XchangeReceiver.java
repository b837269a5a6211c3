package io.jmill.engine.runtime;

/**
 * An element that receives from a device whose driver can be told which packet metadata the graph
 * reads: PacketMill's X-Change, where the application, not the driver, decides what metadata the
 * driver fills. The specializer finds these elements in a router and passes them the fields the
 * router's elements can read; a revert passes {@link #ALL_FIELDS} again.
 */
public interface XchangeReceiver {
    /** Field mask meaning every field. */
    long ALL_FIELDS = -1L;

    /**
     * The device's metadata model ({@code "xchange"}, {@code "copying"}, {@code "overlaying"}), or
     * null while the device is not open. Only XCHANGE drivers narrow what they fill.
     */
    String metadataModel();

    /**
     * Passes the mask of fields the graph reads (a bit per {@code MetadataField.id()}, or
     * {@link #ALL_FIELDS}) to the device; no effect while the device is not open or in models other
     * than XCHANGE.
     */
    void xchangeFields(long fields);
}
